package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.SignInApi;
import com.example.signin.testsupport.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * A second, independent client of the user pool endpoint: the AWS CLI ({@code aws cognito-idp}),
 * which builds and parses the AWS JSON 1.1 protocol from its own service model.
 */
@Timeout(300)
class AwsCliContractTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path awsHome;
    static LocalBackend backend;
    static Endpoints endpoints;
    static CognitoIdentityProviderClient cognito;
    static SignInDriver app;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).build());
        endpoints = backend.endpoints();
        cognito = TestClients.cognito(endpoints);
        app = new SignInDriver(backend, TestClients.http(), cognito);
    }

    @AfterAll
    static void stop() {
        cognito.close();
        backend.close();
    }

    @Test
    void awsCliSignsInWithInitiateAuthAndRespondToAuthChallenge() throws Exception {
        String aws = Tools.require("aws", "awscli").toString();
        String email = "cli@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String secret = app.latestSecret(email);

        Result initiated = run(aws, "initiate-auth", "--client-id", endpoints.clientId(), "--auth-flow", "CUSTOM_AUTH",
                "--auth-parameters", JSON.writeValueAsString(Map.of("USERNAME", email)));
        assertThat(initiated.exitCode()).as(initiated.stderr()).isZero();
        JsonNode challenge = JSON.readTree(initiated.stdout());
        assertThat(challenge.get("ChallengeName").asText()).isEqualTo("CUSTOM_CHALLENGE");

        Result answered = run(aws, "respond-to-auth-challenge", "--client-id", endpoints.clientId(),
                "--challenge-name", "CUSTOM_CHALLENGE", "--session", challenge.get("Session").asText(),
                "--challenge-responses", JSON.writeValueAsString(Map.of("USERNAME", email, "ANSWER", secret)),
                "--client-metadata", JSON.writeValueAsString(Map.of(SignInApi.CLIENT_METADATA_CODE_VERIFIER, verifier)));
        assertThat(answered.exitCode()).as(answered.stderr()).isZero();
        JsonNode result = JSON.readTree(answered.stdout()).get("AuthenticationResult");
        assertThat(result.get("TokenType").asText()).isEqualTo("Bearer");
        assertThat(SignInFlowTestSupport.claims(result.get("IdToken").asText()).get("email")).isEqualTo(email);
        assertThat(result.get("RefreshToken").asText()).isNotBlank();
    }

    @Test
    void awsCliReportsAWrongAnswerAsNotAuthorized() throws Exception {
        String aws = Tools.require("aws", "awscli").toString();
        String email = "cli-wrong@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);

        Result initiated = run(aws, "initiate-auth", "--client-id", endpoints.clientId(), "--auth-flow", "CUSTOM_AUTH",
                "--auth-parameters", JSON.writeValueAsString(Map.of("USERNAME", email)));
        assertThat(initiated.exitCode()).as(initiated.stderr()).isZero();
        String session = JSON.readTree(initiated.stdout()).get("Session").asText();

        Result answered = run(aws, "respond-to-auth-challenge", "--client-id", endpoints.clientId(),
                "--challenge-name", "CUSTOM_CHALLENGE", "--session", session,
                "--challenge-responses", JSON.writeValueAsString(Map.of("USERNAME", email, "ANSWER", Secrets.generate(RANDOM))),
                "--client-metadata", JSON.writeValueAsString(Map.of(SignInApi.CLIENT_METADATA_CODE_VERIFIER, verifier)));
        assertThat(answered.exitCode()).isNotZero();
        assertThat(answered.stderr()).contains("(NotAuthorizedException)").contains("Incorrect username or password.");
    }

    @Test
    void awsCliRunsAdminOperationsWithTheBackendsKeyAndIsRefusedWithAnother() throws Exception {
        String aws = Tools.require("aws", "awscli").toString();
        Result created = run(aws, "admin-create-user", "--user-pool-id", endpoints.userPoolId(), "--username", "cli-admin@example.com",
                "--message-action", "SUPPRESS");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        Result listed = run(aws, "list-users", "--user-pool-id", endpoints.userPoolId(), "--filter", "email = \"cli-admin@example.com\"");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(JSON.readTree(listed.stdout()).get("Users")).hasSize(1);

        Result stranger = run(new Credentials(endpoints.accessKeyId(), "not-the-secret"), aws, "admin-get-user",
                "--user-pool-id", endpoints.userPoolId(), "--username", "cli-admin@example.com");
        assertThat(stranger.exitCode()).isNotZero();
        assertThat(stranger.stderr()).contains("(InvalidSignatureException)");
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(String aws, String operation, String... args) throws IOException, InterruptedException {
        return run(new Credentials(endpoints.accessKeyId(), endpoints.secretAccessKey()), aws, operation, args);
    }

    record Credentials(String accessKeyId, String secretAccessKey) {
    }

    private static Result run(Credentials credentials, String aws, String operation, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(aws, "cognito-idp", operation));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoints.cognitoEndpoint(), "--region", endpoints.region(),
                "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        env.put("AWS_DEFAULT_REGION", endpoints.region());
        env.put("AWS_CONFIG_FILE", awsHome.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", awsHome.resolve("credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        // No pager, in a way both major versions read (v2's --no-cli-pager is an error to v1).
        env.put("AWS_PAGER", "");
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        Path out = Files.createTempFile(awsHome, "out", ".txt");
        Path err = Files.createTempFile(awsHome, "err", ".txt");
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + operation + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
