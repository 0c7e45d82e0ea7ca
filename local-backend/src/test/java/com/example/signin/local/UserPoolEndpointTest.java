package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserStatusType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/** The user pool endpoint's operations and error shapes, through the unmodified AWS SDK and raw HTTP. */
@Timeout(120)
class UserPoolEndpointTest {

    private static final MediaType AMZ_JSON = MediaType.get("application/x-amz-json-1.1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static LocalBackend backend;
    static Endpoints endpoints;
    static CognitoIdentityProviderClient cognito;
    static OkHttpClient http;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).build());
        endpoints = backend.endpoints();
        cognito = TestClients.cognito(endpoints);
        http = TestClients.http();
    }

    @AfterAll
    static void stop() {
        cognito.close();
        backend.close();
    }

    @Test
    void endpointsFileHasExactlyTheContractKeysOnLoopback() throws Exception {
        JsonNode file = JSON.readTree(Files.readString(dataDir.resolve("endpoints.json")));
        List<String> keys = new ArrayList<>();
        file.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("region", "userPoolId", "clientId", "cognitoEndpoint", "apiUrl", "linkBase",
                "mailboxUrl", "issuer", "jwksUrl", "scheme", "accessKeyId", "secretAccessKey");
        assertThat(file.get("cognitoEndpoint").asText()).startsWith("http://127.0.0.1:");
        assertThat(file.get("issuer").asText()).isEqualTo(endpoints.cognitoEndpoint() + "/" + endpoints.userPoolId());
        assertThat(file.get("scheme").asText()).isEqualTo("com.example.signin");
    }

    @Test
    void unknownOperationGetsCognitosErrorShape() throws Exception {
        JsonNode error = post("AWSCognitoIdentityProviderService.DeleteUserPool", "{}", 400);
        assertThat(error.get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(error.get("message").asText()).contains("DeleteUserPool");
    }

    @Test
    void missingTargetGetsCognitosErrorShape() throws Exception {
        JsonNode error = post(null, "{}", 400);
        assertThat(error.get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void malformedJsonGetsSerializationException() throws Exception {
        JsonNode error = post("AWSCognitoIdentityProviderService.InitiateAuth", "{\"AuthFlow\": ", 400);
        assertThat(error.get("__type").asText()).isEqualTo("SerializationException");
        assertThat(error.get("message").asText()).isEqualTo("The request body is not valid JSON.");
    }

    @Test
    void oversizedBodyIsRefusedInCognitosErrorShape() throws Exception {
        String big = "{\"ClientId\": \"" + "x".repeat(200_000) + "\"}";
        JsonNode error = post("AWSCognitoIdentityProviderService.InitiateAuth", big, 413);
        assertThat(error.get("__type").asText()).isEqualTo("RequestEntityTooLargeException");
    }

    @Test
    void missingMemberIsAnInvalidParameterNotAStackTrace() throws Exception {
        JsonNode error = post("AWSCognitoIdentityProviderService.InitiateAuth", "{\"AuthFlow\": \"CUSTOM_AUTH\"}", 400);
        assertThat(error.get("__type").asText()).isEqualTo("InvalidParameterException");
        assertThat(error.get("message").asText()).contains("clientId");
        assertThat(error.toString()).doesNotContain("Exception:").doesNotContain("at com.");
    }

    @Test
    void unknownClientIdIsRefusedLikeCognito() {
        assertThatThrownBy(() -> cognito.initiateAuth(b -> b.clientId("nosuchclient").authFlow(AuthFlowType.CUSTOM_AUTH)
                .authParameters(java.util.Map.of("USERNAME", "a@example.com"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("User pool client nosuchclient does not exist.");
    }

    @Test
    void customAuthWithoutUsernameIsAnInvalidParameter() {
        assertThatThrownBy(() -> cognito.initiateAuth(b -> b.clientId(endpoints.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("USERNAME");
    }

    @Test
    void passwordFlowsAreNotEnabled() {
        assertThatThrownBy(() -> cognito.initiateAuth(b -> b.clientId(endpoints.clientId())
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(java.util.Map.of("USERNAME", "a@example.com", "PASSWORD", "secret123"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void adminCreatedUserIsFoundByEmailAndConfirmedByAPermanentPassword() {
        UserType created = cognito.adminCreateUser(b -> b.userPoolId(endpoints.userPoolId()).username("Carol@Example.com")
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value("carol@example.com").build())).user();
        assertThat(created.userStatus()).isEqualTo(UserStatusType.FORCE_CHANGE_PASSWORD);
        assertThat(created.username()).matches("[0-9a-f-]{36}");

        List<UserType> found = cognito.listUsers(b -> b.userPoolId(endpoints.userPoolId())
                .filter("email = \"carol@example.com\"").limit(2)).users();
        assertThat(found).extracting(UserType::username).containsExactly(created.username());

        cognito.adminSetUserPassword(b -> b.userPoolId(endpoints.userPoolId()).username(created.username())
                .password("Unguessable-1234567890aA!").permanent(true));
        AdminGetUserResponse user = cognito.adminGetUser(b -> b.userPoolId(endpoints.userPoolId()).username("carol@example.com"));
        assertThat(user.userStatus()).isEqualTo(UserStatusType.CONFIRMED);
        assertThat(user.userAttributes()).extracting(AttributeType::name).contains("sub", "email", "email_verified");

        cognito.adminUpdateUserAttributes(b -> b.userPoolId(endpoints.userPoolId()).username(created.username())
                .userAttributes(AttributeType.builder().name("email_verified").value("true").build()));
        assertThat(cognito.adminGetUser(b -> b.userPoolId(endpoints.userPoolId()).username(created.username()))
                .userAttributes()).contains(AttributeType.builder().name("email_verified").value("true").build());
    }

    @Test
    void creatingTheSameEmailTwiceIsUsernameExists() {
        cognito.adminCreateUser(b -> b.userPoolId(endpoints.userPoolId()).username("dave@example.com")
                .messageAction(MessageActionType.SUPPRESS));
        assertThatThrownBy(() -> cognito.adminCreateUser(b -> b.userPoolId(endpoints.userPoolId()).username("DAVE@example.com")
                .messageAction(MessageActionType.SUPPRESS)))
                .isInstanceOf(UsernameExistsException.class)
                .hasMessageContaining("An account with the given email already exists.");
    }

    @Test
    void unknownUserIsUserNotFoundForAdminCalls() {
        assertThatThrownBy(() -> cognito.adminGetUser(b -> b.userPoolId(endpoints.userPoolId()).username("nobody@example.com")))
                .isInstanceOf(UserNotFoundException.class)
                .hasMessageContaining("User does not exist.");
    }

    @Test
    void listUsersWithAnUnparsableFilterIsAnInvalidParameter() {
        assertThatThrownBy(() -> cognito.listUsers(b -> b.userPoolId(endpoints.userPoolId()).filter("email == carol")))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void getUserWithAForgedAccessTokenIsNotAuthorized() {
        assertThatThrownBy(() -> cognito.getUser(b -> b.accessToken("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid Access Token");
    }

    @Test
    void refreshWithAnUnknownTokenIsNotAuthorized() {
        assertThatThrownBy(() -> cognito.initiateAuth(b -> b.clientId(endpoints.clientId())
                .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                .authParameters(java.util.Map.of("REFRESH_TOKEN", "not-a-token"))))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid Refresh Token");
    }

    @Test
    void jwksPublishesOneRs256PublicKey() throws Exception {
        try (Response response = http.newCall(new Request.Builder().url(endpoints.jwksUrl()).build()).execute()) {
            assertThat(response.code()).isEqualTo(200);
            JWKSet set = JWKSet.parse(response.body().string());
            assertThat(set.getKeys()).hasSize(1);
            assertThat(set.getKeys().get(0).isPrivate()).isFalse();
            assertThat(set.getKeys().get(0).getAlgorithm().getName()).isEqualTo("RS256");
        }
    }

    private static JsonNode post(String target, String body, int expectedStatus) throws Exception {
        Request.Builder request = new Request.Builder().url(endpoints.cognitoEndpoint() + "/")
                .post(RequestBody.create(body, AMZ_JSON));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            assertThat(response.code()).isEqualTo(expectedStatus);
            assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
            return JSON.readTree(response.body().string());
        }
    }
}
