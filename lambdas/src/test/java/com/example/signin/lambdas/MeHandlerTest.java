package com.example.signin.lambdas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.lambdas.internal.ConfigurationException;
import com.example.signin.lambdas.internal.Environment;
import com.example.signin.lambdas.testing.CapturingHttpServer;
import com.example.signin.lambdas.testing.Events;
import com.example.signin.protocol.MeApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/** {@code GET /me} as API Gateway hands it over after the Cognito authorizer, against Cognito's wire answers. */
class MeHandlerTest {

    private static final String CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado";
    private static final String SUB = "7f3c2a1e-9b4d-4c55-8e1f-0a2b3c4d5e6f";
    private static final String TOKEN = "eyJraWQiOiJrZXkiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI3ZjNjMmExZS05YjRkLTRjNTUtOGUxZi0wYTJiM2M0ZDVlNmYifQ"
            + ".c2lnbmF0dXJl";
    private static final String COGNITO_JSON = "application/x-amz-json-1.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CapturingHttpServer cognitoServer;
    private CognitoIdentityProviderClient cognito;
    private MeHandler handler;

    @BeforeEach
    void start() throws Exception {
        cognitoServer = new CapturingHttpServer();
        cognito = CognitoIdentityProviderClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(cognitoServer.uri())
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .build();
        handler = new MeHandler(cognito, CLIENT_ID);
    }

    @AfterEach
    void stop() {
        cognito.close();
        cognitoServer.close();
    }

    private static APIGatewayProxyRequestEvent event(Consumer<ObjectNode> edit) {
        return Events.load("api-gateway-me.json", APIGatewayProxyRequestEvent.class, edit);
    }

    private static ObjectNode claims(ObjectNode event) {
        return (ObjectNode) event.path("requestContext").path("authorizer").path("claims");
    }

    private void cognitoKnows(String email, String sub) {
        cognitoServer.answer(200, COGNITO_JSON, "{\"Username\":\"" + sub + "\",\"UserAttributes\":["
                + "{\"Name\":\"sub\",\"Value\":\"" + sub + "\"},{\"Name\":\"email_verified\",\"Value\":\"true\"},"
                + "{\"Name\":\"email\",\"Value\":\"" + email + "\"}]}");
    }

    private void cognitoRefuses(int status, String type, String message) {
        cognitoServer.answer(status, Map.of("Content-Type", COGNITO_JSON, "x-amzn-ErrorType", type),
                "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private static void assertUnauthorized(APIGatewayProxyResponseEvent response) {
        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getBody()).isEqualTo(MeApi.unauthorizedJson());
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store");
    }

    @Test
    void aValidAccessTokenGetsTheEmailAndSubOfItsAccount() throws Exception {
        cognitoKnows("alice@example.com", SUB);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> { }), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response)).isEqualTo(JSON.readTree("{\"email\":\"alice@example.com\",\"sub\":\"" + SUB + "\"}"));
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").containsEntry("Cache-Control", "no-store")
                .containsEntry("X-Content-Type-Options", "nosniff").doesNotContainKey("WWW-Authenticate");
        assertThat(cognitoServer.requests).hasSize(1);
        assertThat(cognitoServer.requests.get(0).header("X-Amz-Target")).isEqualTo("AWSCognitoIdentityProviderService.GetUser");
        assertThat(JSON.readTree(cognitoServer.requests.get(0).body()).path("AccessToken").asText()).isEqualTo(TOKEN);
    }

    @Test
    void theHeaderIsFoundWhateverTheCaseOfItsName() throws Exception {
        cognitoKnows("alice@example.com", SUB);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> {
            ObjectNode headers = (ObjectNode) e.path("headers");
            headers.set("authorization", headers.remove("Authorization"));
        }), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("email").asText()).isEqualTo("alice@example.com");
    }

    @Test
    void anAddressWithQuotesStillMakesValidJson() throws Exception {
        cognitoKnows("\\\"o'brien\\\"@example.com", SUB);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> { }), null);

        assertThat(body(response).path("email").asText()).isEqualTo("\"o'brien\"@example.com");
    }

    @Test
    void withoutAnAuthorizationHeaderTheAnswerIs401AndCognitoIsNotAsked() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> ((ObjectNode) e.path("headers")).remove("Authorization")), null);

        assertUnauthorized(response);
        assertThat(cognitoServer.requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNzd29yZA==", "Bearer ", "Bearer not-a-token"})
    void anAuthorizationHeaderWithoutABearerTokenIs401(String header) {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> ((ObjectNode) e.path("headers")).put("Authorization", header)), null);

        assertUnauthorized(response);
        assertThat(cognitoServer.requests).isEmpty();
    }

    @Test
    void aRequestWithNoHeadersAtAllIs401() {
        assertUnauthorized(handler.handleRequest(event(e -> e.putNull("headers")), null));
    }

    @Test
    void anAccessTokenOfAnotherAppClientOfThePoolIsRefusedThoughTheAuthorizerLetItPass() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> claims(e).put("client_id", "someotherclient0000000000")), null);

        assertUnauthorized(response);
        assertThat(cognitoServer.requests).isEmpty();
    }

    @Test
    void anIdTokenIsRefused() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> {
            claims(e).put("token_use", "id");
            claims(e).remove("client_id");
            claims(e).put("aud", CLIENT_ID);
        }), null);

        assertUnauthorized(response);
        assertThat(cognitoServer.requests).isEmpty();
    }

    @Test
    void withoutAuthorizerClaimsNothingIsTrusted() {
        assertUnauthorized(handler.handleRequest(event(e -> ((ObjectNode) e.path("requestContext")).remove("authorizer")), null));
        assertUnauthorized(handler.handleRequest(event(e -> ((ObjectNode) e.path("requestContext").path("authorizer")).put("claims", "x")),
                null));
        assertThat(cognitoServer.requests).isEmpty();
    }

    @Test
    void aTokenRevokedBySignOutIs401BecauseCognitoRefusesIt() {
        cognitoRefuses(400, "NotAuthorizedException", "Access Token has been revoked");

        assertUnauthorized(handler.handleRequest(event(e -> { }), null));
        assertThat(cognitoServer.requests).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UserNotFoundException", "UserNotConfirmedException", "PasswordResetRequiredException"})
    void aTokenOfAnAccountThatIsGoneOrBlockedIs401(String error) {
        cognitoRefuses(400, error, "User does not exist.");

        assertUnauthorized(handler.handleRequest(event(e -> { }), null));
    }

    @Test
    void whenCognitoFailsTheAnswerIs503AndSaysToRetry() throws Exception {
        cognitoRefuses(500, "InternalErrorException", "Internal error");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event(e -> { }), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(body(response).path("error").asText()).isEqualTo("service_unavailable");
        assertThat(body(response).path("message").asText()).contains("Try again");
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json").doesNotContainKey("WWW-Authenticate");
    }

    @Test
    void anAccountWhoseSubDiffersFromTheTokensIsNotAnswered() {
        cognitoKnows("mallory@example.com", "00000000-0000-4000-8000-000000000000");

        assertUnauthorized(handler.handleRequest(event(e -> { }), null));
    }

    @Test
    void theClientIdMustBeConfigured() {
        assertThatThrownBy(() -> MeHandler.clientId(new Environment(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("USER_POOL_CLIENT_ID is not set: it must be the id of the user pool's app client whose access tokens "
                        + "GET /me accepts.");
        assertThat(MeHandler.clientId(new Environment(Map.of("USER_POOL_CLIENT_ID", CLIENT_ID)))).isEqualTo(CLIENT_ID);
    }
}
