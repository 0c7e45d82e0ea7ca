package com.example.signin.local.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolDefineAuthChallengeEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trigger events the user pool builds have the shape Cognito sends, and survive the Lambda runtime's serializers. */
class TriggerEventTest {

    @TempDir
    Path dir;

    private MvUserStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void customAuthEventsCarryCognitosEnvelopeHistoryAndClientMetadata() throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        // Define as the real trigger would decide: a challenge first, tokens after a correct answer.
        Triggers triggers = (name, event) -> {
            events.add(event.deepCopy());
            ObjectNode answer = event.deepCopy();
            ObjectNode response = (ObjectNode) answer.get("response");
            switch (name) {
                case Triggers.DEFINE_AUTH_CHALLENGE -> {
                    boolean answered = event.path("request").path("session").size() > 0;
                    response.put("issueTokens", answered);
                    response.put("failAuthentication", false);
                    response.put("challengeName", answered ? null : "CUSTOM_CHALLENGE");
                }
                case Triggers.CREATE_AUTH_CHALLENGE -> {
                    response.putObject("publicChallengeParameters").put("method", "link");
                    response.putObject("privateChallengeParameters").put("kind", "link");
                    response.put("challengeMetadata", "MAGIC_LINK");
                }
                case Triggers.VERIFY_AUTH_CHALLENGE_RESPONSE -> response.put("answerCorrect", true);
                default -> { }
            }
            return Optional.of(answer);
        };
        PoolUser user = new PoolUser();
        user.username = "5f0c2f0e-0000-4000-8000-000000000001";
        user.attributes.put("sub", user.username);
        user.attributes.put("email", "alice@example.com");
        user.attributes.put("email_verified", "false");
        user.status = "CONFIRMED";
        Supplier<TokenSigner> signer = TokenSigner.loadOrCreateInBackground(dir.resolve("key.json"), CompletableFuture.completedFuture(null));
        store = MvUserStore.open(dir, "us-east-1");
        store.add(user);
        String poolId = store.ids().userPoolId();
        String clientId = store.ids().clientId();
        UserPool pool = new UserPool(store, "us-east-1", signer, Clock.systemUTC(), triggers,
                () -> "http://127.0.0.1:1/" + poolId);
        UserPool.Caller caller = new UserPool.Caller("aws-sdk-java-2.40.2");

        ObjectNode initiate = Json.object();
        initiate.put("ClientId", clientId).put("AuthFlow", "CUSTOM_AUTH");
        initiate.putObject("AuthParameters").put("USERNAME", "Alice@Example.com");
        ObjectNode challenge = pool.auth().initiateAuth(initiate, caller);
        assertThat(challenge.get("ChallengeParameters").get("USERNAME").asText()).isEqualTo(user.username);
        assertThat(challenge.get("ChallengeParameters").get("method").asText()).isEqualTo("link");

        ObjectNode respond = Json.object();
        respond.put("ClientId", clientId).put("ChallengeName", "CUSTOM_CHALLENGE")
                .put("Session", challenge.get("Session").asText());
        respond.putObject("ChallengeResponses").put("USERNAME", "alice@example.com").put("ANSWER", "the-answer");
        respond.putObject("ClientMetadata").put("codeVerifier", "v");
        ObjectNode tokens = pool.auth().respondToAuthChallenge(respond, caller);
        assertThat(tokens.get("AuthenticationResult").get("IdToken").asText()).isNotBlank();

        assertThat(events).extracting(e -> e.get("triggerSource").asText()).containsExactly(
                "DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication",
                "VerifyAuthChallengeResponse_Authentication", "DefineAuthChallenge_Authentication",
                "PostAuthentication_Authentication");
        for (ObjectNode event : events) {
            assertThat(event.get("version").asText()).isEqualTo("1");
            assertThat(event.get("region").asText()).isEqualTo("us-east-1");
            assertThat(event.get("userPoolId").asText()).isEqualTo(poolId);
            assertThat(event.get("userName").asText()).isEqualTo(user.username);
            assertThat(event.get("callerContext").get("awsSdkVersion").asText()).isEqualTo("aws-sdk-java-2.40.2");
            assertThat(event.get("callerContext").get("clientId").asText()).isEqualTo(clientId);
            assertThat(event.get("request").get("userAttributes").get("email").asText()).isEqualTo("alice@example.com");
            assertThat(event.has("response")).isTrue();
        }
        JsonNode verify = events.get(2).get("request");
        assertThat(verify.get("challengeAnswer").asText()).isEqualTo("the-answer");
        assertThat(verify.get("privateChallengeParameters").get("kind").asText()).isEqualTo("link");
        assertThat(verify.get("clientMetadata").get("codeVerifier").asText()).isEqualTo("v");
        assertThat(verify.get("userNotFound").asBoolean()).isFalse();
        JsonNode history = events.get(3).get("request").get("session");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("challengeName").asText()).isEqualTo("CUSTOM_CHALLENGE");
        assertThat(history.get(0).get("challengeResult").asBoolean()).isTrue();
        assertThat(history.get(0).get("challengeMetadata").asText()).isEqualTo("MAGIC_LINK");
        assertThat(events.get(4).get("request").get("clientMetadata").get("codeVerifier").asText()).isEqualTo("v");
    }

    @Test
    void defineEventDeserialisesIntoTheEventsClassTheWayTheLambdaRuntimeDoes() {
        ObjectNode event = Json.object();
        event.put("version", "1").put("triggerSource", "DefineAuthChallenge_Authentication").put("region", "us-east-1")
                .put("userPoolId", "us-east-1_Test12345").put("userName", "u");
        event.putObject("callerContext").put("awsSdkVersion", "aws-sdk-unknown-unknown").put("clientId", "c");
        ObjectNode request = event.putObject("request");
        request.putObject("userAttributes").put("email", "a@example.com");
        request.putArray("session").addObject().put("challengeName", "CUSTOM_CHALLENGE").put("challengeResult", true)
                .putNull("challengeMetadata");
        request.putObject("clientMetadata").put("codeVerifier", "v");
        request.put("userNotFound", false);
        event.putObject("response").putNull("challengeName").putNull("issueTokens").putNull("failAuthentication");

        List<CognitoUserPoolDefineAuthChallengeEvent> seen = new ArrayList<>();
        LambdaFunction<CognitoUserPoolDefineAuthChallengeEvent, CognitoUserPoolDefineAuthChallengeEvent> define =
                new LambdaFunction<>("DefineAuthChallenge", (in, context) -> {
                    seen.add(in);
                    in.getResponse().setIssueTokens(true);
                    return in;
                }, CognitoUserPoolDefineAuthChallengeEvent.class, CognitoUserPoolDefineAuthChallengeEvent.class);

        JsonNode answer = define.invoke(event);

        CognitoUserPoolDefineAuthChallengeEvent in = seen.get(0);
        assertThat(in.getCallerContext().getClientId()).isEqualTo("c");
        assertThat(in.getRequest().getSession()[0].getChallengeResult()).isTrue();
        assertThat(in.getRequest().getClientMetadata()).isEqualTo(Map.of("codeVerifier", "v"));
        assertThat(answer.get("response").get("issueTokens").asBoolean()).isTrue();
        assertThat(answer.get("userPoolId").asText()).isEqualTo("us-east-1_Test12345");
    }
}
