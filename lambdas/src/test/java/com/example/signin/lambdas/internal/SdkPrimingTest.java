package com.example.signin.lambdas.internal;

import com.example.signin.lambdas.testing.CapturingHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import static org.assertj.core.api.Assertions.assertThat;

/** SnapStart priming runs every client's request path yet sends nothing. */
class SdkPrimingTest {

    private CapturingHttpServer server;
    private DynamoDbClient dynamo;
    private CognitoIdentityProviderClient cognito;
    private SesV2Client ses;

    private <B extends AwsClientBuilder<B, ?>> B local(B builder) {
        return builder.region(Region.EU_WEST_1)
                .endpointOverride(server.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new PrimingInterceptor()));
    }

    @BeforeEach
    void start() throws Exception {
        server = new CapturingHttpServer();
        dynamo = local(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        cognito = local(CognitoIdentityProviderClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        ses = local(SesV2Client.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        dynamo.close();
        cognito.close();
        ses.close();
        server.close();
    }

    @Test
    void primingExercisesEveryClientWithoutANetworkCall() {
        int completed = new SdkPriming().dynamo(dynamo, "links").cognito(cognito, "eu-west-1_pool").cognitoGetUser(cognito).ses(ses)
                .prime();

        assertThat(completed).isEqualTo(4);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void theInterceptorLeavesOrdinaryRequestsAlone() {
        server.answer(200, "application/x-amz-json-1.0", "{}");
        assertThat(new SdkPriming().dynamo(dynamo, "links").prime()).isEqualTo(1);

        dynamo.getItem(b -> b.tableName("links").key(java.util.Map.of("pk",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("k"))));

        assertThat(server.requests).hasSize(1);
        assertThat(server.requests.get(0).header("X-Amz-Target")).isEqualTo("DynamoDB_20120810.GetItem");
    }

    @Test
    void registeringWithCracOutsideSnapStartIsHarmless() {
        assertThat(new SdkPriming().dynamo(dynamo, "links").register()).isNotNull();
        assertThat(server.requests).isEmpty();
    }
}
