package com.example.signin.lambdas.service;

import com.example.signin.lambdas.testing.CapturingHttpServer;
import com.example.signin.lambdas.testing.SeededRandom;
import com.example.signin.protocol.EmailAddress;
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
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Cognito adapter through the real SDK: AWS JSON 1.1 requests asserted, canned Cognito answers. */
class CognitoUserDirectoryTest {

    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String POOL = "eu-west-1_AbCdEf123";

    private final ObjectMapper json = new ObjectMapper();
    private CapturingHttpServer server;
    private CognitoIdentityProviderClient cognito;
    private CognitoUserDirectory directory;

    @BeforeEach
    void start() throws Exception {
        server = new CapturingHttpServer();
        cognito = CognitoIdentityProviderClient.builder()
                .region(Region.EU_WEST_1)
                .endpointOverride(server.uri())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build();
        directory = new CognitoUserDirectory(cognito, new SeededRandom(5));
    }

    @AfterEach
    void stop() {
        cognito.close();
        server.close();
    }

    private JsonNode request(int index, String operation) throws Exception {
        CapturingHttpServer.Captured captured = server.requests.get(index);
        assertThat(captured.method()).isEqualTo("POST");
        assertThat(captured.path()).isEqualTo("/");
        assertThat(captured.header("X-Amz-Target")).isEqualTo("AWSCognitoIdentityProviderService." + operation);
        assertThat(captured.header("Content-Type")).isEqualTo(JSON_11);
        return json.readTree(captured.body());
    }

    @Test
    void findByEmailListsUsersWithAnEmailFilterAndReturnsTheUsername() throws Exception {
        server.answer(200, JSON_11, "{\"Users\":[{\"Username\":\"7f3c-uuid\",\"Enabled\":true,\"UserStatus\":\"CONFIRMED\","
                + "\"Attributes\":[{\"Name\":\"email\",\"Value\":\"alice@example.com\"}]}]}");

        assertThat(directory.findByEmail(POOL, EmailAddress.parse("Alice@Example.com"))).contains("7f3c-uuid");

        JsonNode body = request(0, "ListUsers");
        assertThat(body.get("UserPoolId").asText()).isEqualTo(POOL);
        assertThat(body.get("Filter").asText()).isEqualTo("email = \"alice@example.com\"");
    }

    @Test
    void findByEmailOfAnUnknownAddressIsEmpty() {
        server.answer(200, JSON_11, "{\"Users\":[]}");

        assertThat(directory.findByEmail(POOL, EmailAddress.parse("nobody@example.com"))).isEmpty();
    }

    @Test
    void quotesAndBackslashesInAFilterValueAreEscaped() {
        assertThat(CognitoUserDirectory.escapeFilterValue("a\"b\\c")).isEqualTo("a\\\"b\\\\c");
    }

    @Test
    void createConfirmedSuppressesCognitosMessageAndSetsAPermanentRandomPassword() throws Exception {
        server.answer(200, JSON_11, "{\"User\":{\"Username\":\"9a1b-uuid\",\"UserStatus\":\"FORCE_CHANGE_PASSWORD\"}}")
                .answer(200, JSON_11, "{}");

        assertThat(directory.createConfirmed(POOL, EmailAddress.parse("new@example.com"))).isEqualTo("9a1b-uuid");

        JsonNode create = request(0, "AdminCreateUser");
        assertThat(create.get("Username").asText()).isEqualTo("new@example.com");
        assertThat(create.get("MessageAction").asText()).isEqualTo("SUPPRESS");
        assertThat(create.get("UserAttributes")).hasSize(1);
        assertThat(create.at("/UserAttributes/0/Name").asText()).isEqualTo("email");
        assertThat(create.at("/UserAttributes/0/Value").asText()).isEqualTo("new@example.com");
        assertThat(create.has("TemporaryPassword")).isFalse();
        JsonNode password = request(1, "AdminSetUserPassword");
        assertThat(password.get("Username").asText()).isEqualTo("9a1b-uuid");
        assertThat(password.get("Permanent").asBoolean()).isTrue();
        assertThat(password.get("Password").asText()).hasSizeGreaterThanOrEqualTo(43).matches(".*[a-z].*").matches(".*[A-Z].*")
                .matches(".*[0-9].*").matches(".*[^A-Za-z0-9].*");
    }

    @Test
    void aUserCreatedByAConcurrentRequestIsFoundInstead() throws Exception {
        server.answer(400, JSON_11, "{\"__type\":\"UsernameExistsException\",\"message\":\"User account already exists\"}")
                .answer(200, JSON_11, "{\"Users\":[{\"Username\":\"raced-uuid\"}]}");

        assertThat(directory.createConfirmed(POOL, EmailAddress.parse("new@example.com"))).isEqualTo("raced-uuid");
        assertThat(server.requests).extracting(r -> r.header("X-Amz-Target"))
                .containsExactly("AWSCognitoIdentityProviderService.AdminCreateUser", "AWSCognitoIdentityProviderService.ListUsers");
    }

    @Test
    void aUserCognitoSaysExistsButListUsersCannotFindIsADirectoryFailure() {
        server.answer(400, JSON_11, "{\"__type\":\"UsernameExistsException\",\"message\":\"User account already exists\"}")
                .answer(200, JSON_11, "{\"Users\":[]}");

        assertThatThrownBy(() -> directory.createConfirmed(POOL, EmailAddress.parse("new@example.com")))
                .isInstanceOf(UserDirectoryException.class)
                .hasMessage("Cognito reports the user exists but ListUsers does not find it");
    }

    @Test
    void markEmailVerifiedUpdatesTheOneAttribute() throws Exception {
        server.answer(200, JSON_11, "{}");

        directory.markEmailVerified("eu-west-1_Other", "7f3c-uuid");

        JsonNode body = request(0, "AdminUpdateUserAttributes");
        assertThat(body.get("UserPoolId").asText()).isEqualTo("eu-west-1_Other");
        assertThat(body.get("Username").asText()).isEqualTo("7f3c-uuid");
        assertThat(body.get("UserAttributes").toString()).isEqualTo("[{\"Name\":\"email_verified\",\"Value\":\"true\"}]");
    }

    @Test
    void aCognitoErrorBecomesADirectoryFailure() {
        server.answer(400, JSON_11, "{\"__type\":\"NotAuthorizedException\",\"message\":\"denied\"}");

        assertThatThrownBy(() -> directory.findByEmail(POOL, EmailAddress.parse("alice@example.com")))
                .isInstanceOf(UserDirectoryException.class)
                .hasMessageContaining("ListUsers");
        assertThat(server.requests).hasSize(1);
        assertThat(List.of(server.requests.get(0).header("Authorization"))).allSatisfy(a -> assertThat(a).contains("cognito-idp"));
    }
}
