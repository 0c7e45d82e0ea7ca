package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.CapturingHttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SES adapter through the real SDK against a local HTTP server that captures the request. */
class SesMailerTest {

    private final ObjectMapper json = new ObjectMapper();
    private CapturingHttpServer server;
    private SesV2Client ses;

    @BeforeEach
    void start() throws Exception {
        server = new CapturingHttpServer();
        ses = SesV2Client.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(server.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
    }

    @AfterEach
    void stop() {
        ses.close();
        server.close();
    }

    @Test
    void sendEmailCarriesSenderRecipientSubjectAndBothPartsInUtf8() throws Exception {
        server.answer(200, "application/json", "{\"MessageId\":\"0100-abc\"}");
        MailMessage message = new MailMessage("a+b&c'd@example.com", "Your sign-in link", "<p>Grüße</p>", "Grüße");

        new SesMailer(ses, new MailSender("no-reply@example.com", "Example Sign-in")).send(message);

        CapturingHttpServer.Captured request = server.requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v2/email/outbound-emails");
        assertThat(request.header("Authorization")).startsWith("AWS4-HMAC-SHA256").contains("/eu-west-1/ses/");
        JsonNode body = json.readTree(request.body());
        assertThat(body.at("/FromEmailAddress").asText()).isEqualTo("\"Example Sign-in\" <no-reply@example.com>");
        assertThat(body.at("/Destination/ToAddresses/0").asText()).isEqualTo("a+b&c'd@example.com");
        assertThat(body.at("/Destination/ToAddresses")).hasSize(1);
        JsonNode simple = body.at("/Content/Simple");
        assertThat(simple.at("/Subject/Data").asText()).isEqualTo("Your sign-in link");
        assertThat(simple.at("/Body/Html/Data").asText()).isEqualTo("<p>Grüße</p>");
        assertThat(simple.at("/Body/Text/Data").asText()).isEqualTo("Grüße");
        assertThat(simple.at("/Body/Html/Charset").asText()).isEqualTo("UTF-8");
        assertThat(simple.at("/Subject/Charset").asText()).isEqualTo("UTF-8");
    }

    @Test
    void aRejectionBySesIsAMailDeliveryFailure() {
        server.answer(400, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "MessageRejected"),
                "{\"message\":\"Email address is not verified.\"}");

        assertThatThrownBy(() -> new SesMailer(ses, new MailSender("no-reply@example.com", ""))
                .send(new MailMessage("alice@example.com", "s", "h", "t")))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("SES");
        assertThat(server.requests).hasSize(1);
    }
}
