package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.security.SecureRandom;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * {@link LocalBackend#start} returns as soon as the user pool answers; the mailbox, DynamoDB Local
 * and a new signing key start after that. Requests made at once are answered, those that need a
 * part still starting wait for it, and none is lost.
 */
@Timeout(180)
class EarlyRequestTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void requestsMadeTheMomentTheBackendAnswersAreServedAndTheirSignInCompletes() throws Exception {
        OkHttpClient http = TestClients.http();
        try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build());
             CognitoIdentityProviderClient cognito = TestClients.cognito(backend.endpoints())) {
            Endpoints e = backend.endpoints();
            // First a user-pool call as a client makes it (no SDK, so nothing warms up before it): Cognito's answer
            // for a client that does not exist, from the pool's own data.
            Request initiate = new Request.Builder().url(e.cognitoEndpoint())
                    .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                    .post(RequestBody.create("{\"AuthFlow\":\"CUSTOM_AUTH\",\"ClientId\":\"nosuchclient\","
                            + "\"AuthParameters\":{\"USERNAME\":\"a@example.com\"}}", MediaType.get("application/x-amz-json-1.1")))
                    .build();
            try (Response answer = http.newCall(initiate).execute()) {
                assertThat(answer.code()).isEqualTo(400);
                JsonNode body = JSON.readTree(answer.body().string());
                assertThat(body.path("__type").asText()).isEqualTo("ResourceNotFoundException");
                assertThat(body.path("message").asText()).isEqualTo("User pool client nosuchclient does not exist.");
            }
            // The mailbox's API and a link request, before anything was awaited: both wait for their parts.
            try (Response empty = http.newCall(new Request.Builder().url(e.mailboxUrl() + "/api/messages").build()).execute()) {
                assertThat(empty.code()).isEqualTo(200);
                assertThat(JSON.readTree(empty.body().string()).size()).isZero();
            }
            SignInDriver app = new SignInDriver(backend, http, cognito);
            String verifier = Secrets.generate(RANDOM);
            String idToken = app.signIn("early-bird@example.com", verifier).authenticationResult().idToken();
            assertThat(SignInFlowTestSupport.claims(idToken).get("email")).isEqualTo("early-bird@example.com");
            // The JWKS waited for the key the tokens were signed with.
            try (Response jwks = http.newCall(new Request.Builder().url(e.jwksUrl()).build()).execute()) {
                assertThat(jwks.code()).isEqualTo(200);
                assertThat(JSON.readTree(jwks.body().string()).path("keys").get(0).path("kid").asText())
                        .isEqualTo(SignedJWT.parse(idToken).getHeader().getKeyID());
            }
        }
    }
}
