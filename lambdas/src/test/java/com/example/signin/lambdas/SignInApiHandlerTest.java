package com.example.signin.lambdas;

import com.example.signin.lambdas.internal.LambdaWiring;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.service.LinkStore;
import com.example.signin.lambdas.service.LinkStyle;
import com.example.signin.lambdas.service.MagicLinkService;
import com.example.signin.lambdas.service.MagicLinkSettings;
import com.example.signin.lambdas.service.LinkDelivery;
import com.example.signin.lambdas.service.LinkKeys;
import com.example.signin.lambdas.service.LinkQueueFullException;
import com.example.signin.lambdas.service.SignUpPolicy;
import com.example.signin.lambdas.testing.Events;
import com.example.signin.lambdas.testing.InMemoryDirectory;
import com.example.signin.lambdas.testing.LocalDynamo;
import com.example.signin.lambdas.testing.MutableClock;
import com.example.signin.lambdas.testing.RecordingMailer;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in API fed with the event API Gateway sends, over the real service and DynamoDB Local. */
class SignInApiHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalDynamo dynamo;
    private static int tables;

    private final MutableClock clock = MutableClock.at("2099-06-01T07:00:00Z");
    private final RecordingMailer mailer = new RecordingMailer();
    private final InMemoryDirectory directory = new InMemoryDirectory().with("alice@example.com");
    private final String challenge = CodeChallenge.s256(Secrets.generate(new SeededRandom(2)));
    private LinkStore store;

    @BeforeAll
    static void startDynamo() {
        dynamo = LocalDynamo.start();
    }

    @AfterAll
    static void stopDynamo() {
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        String table = "links" + (tables++);
        LinkStore.createTable(dynamo.client(), table);
        store = new LinkStore(dynamo.client(), table);
    }

    static final LinkKeys KEYS = new LinkKeys("api-test-deployment-secret-0123456789abc");

    static MagicLinkSettings settings(SignUpPolicy policy) {
        return new MagicLinkSettings("eu-west-1_pool", Duration.ofMinutes(15), Duration.ofSeconds(60), 10, 5, 5,
                new MagicLinkFormat("com.example.signin", "https://signin.example.com"), LinkStyle.PAGE, policy);
    }

    /** The handler over the request path, with a queue that delivers at once. */
    private SignInApiHandler handler(SignUpPolicy policy, String cors) {
        LinkDelivery delivery = new LinkDelivery(settings(policy), KEYS, store, directory, mailer, clock, new SeededRandom(10));
        MagicLinkService service = new MagicLinkService(settings(policy), KEYS, store, delivery::deliver, clock, new SeededRandom(9));
        return new SignInApiHandler(service, cors);
    }

    private SignInApiHandler handler() {
        return handler(SignUpPolicy.open(), null);
    }

    private APIGatewayProxyRequestEvent post(String body) {
        APIGatewayProxyRequestEvent event = Events.load("api-gateway-signin.json", APIGatewayProxyRequestEvent.class);
        event.setBody(body);
        return event;
    }

    private String body(String email) {
        return "{\"email\":\"" + email + "\",\"codeChallenge\":\"" + challenge + "\",\"codeChallengeMethod\":\"S256\",\"locale\":\"en\"}";
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    @Test
    void theFixtureRequestIsAcceptedAndMailed() throws Exception {
        APIGatewayProxyResponseEvent response = handler().handleRequest(Events.load("api-gateway-signin.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).get("message").asText()).isEqualTo(com.example.signin.lambdas.api.SignInAnswer.ACCEPTED_MESSAGE);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("Cache-Control", "no-store")
                .doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(mailer.sent).hasSize(1);
    }

    @Test
    void knownUnknownAndRefusedAddressesGetTheSameBytes() {
        SignInApiHandler handler = handler(new SignUpPolicy(SignUpPolicy.Mode.OPEN, Set.of("example.com")), null);

        APIGatewayProxyResponseEvent known = handler.handleRequest(post(body("alice@example.com")), null);
        APIGatewayProxyResponseEvent unknown = handler.handleRequest(post(body("bob@example.com")), null);
        APIGatewayProxyResponseEvent refused = handler.handleRequest(post(body("carol@elsewhere.org")), null);

        assertThat(unknown).isEqualTo(known);
        assertThat(refused).isEqualTo(known);
        assertThat(mailer.sent).hasSize(2);
    }

    @Test
    void aSecondRequestWithinTheCooldownIs429WithRetryAfter() throws Exception {
        SignInApiHandler handler = handler();
        handler.handleRequest(post(body("alice@example.com")), null);
        clock.advance(Duration.ofSeconds(10));

        APIGatewayProxyResponseEvent response = handler.handleRequest(post(body("alice@example.com")), null);

        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "50");
        assertThat(json(response).get("error").asText()).isEqualTo("too_many_requests");
        assertThat(json(response).get("message").asText()).contains("50 seconds");
    }

    @Test
    void anInvalidAddressIs400WithASentence() throws Exception {
        APIGatewayProxyResponseEvent response = handler().handleRequest(post(body("alice.example.com")), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_email");
        assertThat(json(response).get("message").asText()).contains("needs an @");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "null", "[]", "\"text\"", "{", "{}x", "not json",
            "{\"email\":42,\"codeChallenge\":\"x\",\"codeChallengeMethod\":\"S256\"}",
            "{\"email\":\"a@example.com\",\"email\":\"b@example.com\",\"codeChallengeMethod\":\"S256\"}",
            "{\"email\":\"a@example.com\",\"codeChallenge\":\"short\",\"codeChallengeMethod\":\"S256\"}",
            "{\"email\":\"a@example.com\",\"codeChallenge\":\"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM\",\"codeChallengeMethod\":\"plain\"}",
    })
    void aMalformedBodyIs400InvalidRequest(String body) throws Exception {
        APIGatewayProxyResponseEvent response = handler().handleRequest(post(body), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("invalid_request");
        assertThat(json(response).get("message").asText()).isNotBlank();
    }

    @Test
    void unknownFieldsAreIgnored() {
        String body = body("alice@example.com").replace("{", "{\"app\":{\"version\":[1,2]},");

        assertThat(handler().handleRequest(post(body), null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void aBase64EncodedBodyIsDecoded() {
        APIGatewayProxyRequestEvent event = post(Base64.getEncoder().encodeToString(body("alice@example.com").getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertThat(handler().handleRequest(event, null).getStatusCode()).isEqualTo(202);

        event.setBody("%%% not base64 %%%");
        assertThat(handler().handleRequest(event, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void aBodyOverFourKibibytesIs413() throws Exception {
        String big = body("alice@example.com").replace("\"locale\":\"en\"", "\"locale\":\"en\",\"pad\":\"" + "x".repeat(4096) + "\"");
        APIGatewayProxyResponseEvent response = handler().handleRequest(post(big), null);
        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(json(response).get("error").asText()).isEqualTo("payload_too_large");

        APIGatewayProxyRequestEvent encoded = post(Base64.getEncoder().encodeToString(big.getBytes(StandardCharsets.UTF_8)));
        encoded.setIsBase64Encoded(true);
        assertThat(handler().handleRequest(encoded, null).getStatusCode()).isEqualTo(413);

        // 4096 bytes exactly is still read (multi-byte characters count as bytes)
        String exact = body("alice@example.com");
        exact = exact.replace("\"locale\":\"en\"", "\"locale\":\"en\",\"pad\":\"" + "x".repeat(4096 - exact.length() - 9) + "\"");
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(4096);
        assertThat(handler().handleRequest(post(exact), null).getStatusCode()).isEqualTo(202);
        assertThat(handler().handleRequest(post(exact.replace("x\"", "é\"")), null).getStatusCode()).isEqualTo(413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "PUT", "DELETE", "OPTIONS", "HEAD"})
    void otherMethodsAre405(String method) {
        APIGatewayProxyRequestEvent event = post(body("alice@example.com"));
        event.setHttpMethod(method);

        APIGatewayProxyResponseEvent response = handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "POST").containsEntry("Cache-Control", "no-store");
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    void aMailOutageNeverReachesTheCaller() {
        mailer.failing = true;
        SignInApiHandler handler = new SignInApiHandler(new MagicLinkService(settings(SignUpPolicy.open()), KEYS, store,
                request -> { }, clock, new SeededRandom(9)), null);

        assertThat(handler.handleRequest(post(body("alice@example.com")), null).getStatusCode()).isEqualTo(202);
    }

    @Test
    void aFullQueueIs503AndNothingElse() throws Exception {
        SignInApiHandler handler = new SignInApiHandler(new MagicLinkService(settings(SignUpPolicy.open()), KEYS, store,
                request -> {
                    throw new LinkQueueFullException("full", null);
                }, clock, new SeededRandom(9)), null);

        APIGatewayProxyResponseEvent response = handler.handleRequest(post(body("alice@example.com")), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(json(response).get("error").asText()).isEqualTo("service_unavailable");
    }

    @Test
    void theAnswerCarriesTheLinkLifetimeAndTheResendWait() throws Exception {
        JsonNode answer = json(handler().handleRequest(post(body("alice@example.com")), null));

        assertThat(answer.get("expiresIn").asInt()).isEqualTo(900);
        assertThat(answer.get("retryAfter").asInt()).isEqualTo(60);
    }

    @Test
    void aBodyNotDeclaredJsonIs415AsACrossSiteFormPostWouldBe() throws Exception {
        APIGatewayProxyRequestEvent event = post(body("alice@example.com"));
        event.setHeaders(Map.of("Content-Type", "text/plain"));

        APIGatewayProxyResponseEvent response = handler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(json(response).get("error").asText()).isEqualTo("unsupported_media_type");
        assertThat(mailer.sent).isEmpty();
    }

    @Test
    void aMalformedDeviceIdIs400() throws Exception {
        String body = body("alice@example.com").replace("{", "{\"deviceId\":\"too-short\",");

        APIGatewayProxyResponseEvent response = handler().handleRequest(post(body), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(json(response).get("message").asText()).contains("deviceId");
    }

    @Test
    void aStoreOutageIs503WithoutAStackTrace() throws Exception {
        DynamoDbClient broken = (DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    throw SdkClientException.create("Unable to execute HTTP request: connect timed out");
                });
        MagicLinkService service = new MagicLinkService(settings(SignUpPolicy.open()), KEYS, new LinkStore(broken, "links"),
                request -> { }, clock, new SeededRandom(1));

        APIGatewayProxyResponseEvent response = new SignInApiHandler(service, null).handleRequest(post(body("alice@example.com")), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at com.");
        assertThat(json(response).get("error").asText()).isEqualTo("service_unavailable");
    }

    @Test
    void anUnexpectedFailureIs500WithASentenceAndTheCommonHeaders() throws Exception {
        SignInApiHandler handler = new SignInApiHandler(new MagicLinkService(settings(SignUpPolicy.open()), KEYS, store,
                request -> {
                    throw new IllegalStateException("a bug");
                }, clock, new SeededRandom(9)), null);

        APIGatewayProxyResponseEvent response = handler.handleRequest(post(body("alice@example.com")), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(json(response).get("error").asText()).isEqualTo("internal_error");
        assertThat(response.getBody()).doesNotContain("a bug");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
    }

    @Test
    void corsHeadersAppearOnlyWhenAnOriginIsConfigured() {
        SignInApiHandler handler = handler(SignUpPolicy.open(), "https://app.example.com");

        APIGatewayProxyResponseEvent response = handler.handleRequest(post(body("alice@example.com")), null);
        assertThat(response.getStatusCode()).as("a POST is no preflight").isEqualTo(202);
        assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                .containsEntry("Access-Control-Expose-Headers", "Retry-After");

        APIGatewayProxyRequestEvent preflight = post(null);
        preflight.setHttpMethod("OPTIONS");
        APIGatewayProxyResponseEvent answer = handler.handleRequest(preflight, null);
        assertThat(answer.getStatusCode()).isEqualTo(204);
        assertThat(answer.getHeaders()).containsEntry("Access-Control-Allow-Methods", "POST, OPTIONS");
    }

    @Test
    void theFactoryWiresTheHandlerFromEnvironmentVariables() {
        Map<String, String> env = Map.of(
                "LINK_TABLE", "links-factory",
                "USER_POOL_ID", "eu-west-1_pool",
                "URL_SCHEME", "com.example.signin",
                "LINK_BASE", "http://127.0.0.1:8080",
                "LINK_EXPIRY_SECONDS", "600");
        LinkStore.createTable(dynamo.client(), "links-factory");
        LinkDelivery delivery = new LinkDelivery(LambdaWiring.settings(env), KEYS, new LinkStore(dynamo.client(), "links-factory"),
                directory, mailer, clock, new SeededRandom(5));

        SignInApiHandler handler = SignInApiHandler.create(env, dynamo.client(), KEYS, delivery::deliver, clock, new SeededRandom(4));

        assertThat(handler.handleRequest(post(body("alice@example.com")), null).getStatusCode()).isEqualTo(202);
        assertThat(MagicLinkServiceLinks.linkIn(mailer.last().text())).startsWith("http://127.0.0.1:8080/open#");
    }

    /** Reuses the service test's link extraction. */
    static final class MagicLinkServiceLinks {
        static String linkIn(String text) {
            return text.lines().filter(line -> line.contains("#")).findFirst().orElseThrow().strip();
        }
    }
}
