package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;

/** Users, link records and refresh tokens survive a restart on the same data folder. */
@Timeout(240)
class RestartTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dataDir;

    @Test
    void linkRequestedBeforeARestartSignsInAfterIt() throws Exception {
        OkHttpClient http = TestClients.http();
        String verifier = Secrets.generate(RANDOM);
        String earlierVerifier = Secrets.generate(RANDOM);
        String secret;
        String refreshToken;
        Endpoints before;
        try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build());
             CognitoIdentityProviderClient cognito = TestClients.cognito(backend.endpoints())) {
            before = backend.endpoints();
            SignInDriver app = new SignInDriver(backend, http, cognito);
            refreshToken = app.signIn("early@example.com", earlierVerifier).authenticationResult().refreshToken();
            assertThat(app.requestLink("later@example.com", verifier)).isEqualTo(202);
            secret = app.latestSecret("later@example.com");
        }
        assertThat(dataDir.resolve("endpoints.json")).doesNotExist();

        try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build());
             CognitoIdentityProviderClient cognito = TestClients.cognito(backend.endpoints())) {
            Endpoints after = backend.endpoints();
            assertThat(after.userPoolId()).isEqualTo(before.userPoolId());
            assertThat(after.clientId()).isEqualTo(before.clientId());
            // The mailed links carry the port, so the same one is taken again when it is free.
            assertThat(after.linkBase()).isEqualTo(before.linkBase());
            assertThat(Files.readString(dataDir.resolve("endpoints.json"))).contains(after.cognitoEndpoint());

            SignInDriver app = new SignInDriver(backend, http, cognito);
            InitiateAuthResponse challenge = app.initiate("later@example.com");
            AuthenticationResultType tokens = app.answer("later@example.com", challenge.session(), secret, verifier)
                    .authenticationResult();
            assertThat(SignInFlowTestSupport.claims(tokens.idToken()).get("email")).isEqualTo("later@example.com");

            AuthenticationResultType refreshed = cognito.initiateAuth(b -> b.clientId(after.clientId())
                    .authFlow(AuthFlowType.REFRESH_TOKEN_AUTH)
                    .authParameters(Map.of("REFRESH_TOKEN", refreshToken))).authenticationResult();
            assertThat(SignInFlowTestSupport.claims(refreshed.idToken()).get("email")).isEqualTo("early@example.com");
        }
    }
}
