package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.desktop.auth.CognitoSignInClient;
import com.example.signin.desktop.auth.Session;
import com.example.signin.local.Endpoints;
import com.example.signin.local.LocalBackend;
import com.example.signin.protocol.SaltedHash;
import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.SignInApi;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What breaks between the steps of a sign-in: the mail server, the backend, the app. */
@Timeout(240)
class FaultsTest {

    @TempDir
    static Path root;
    static RunningBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start(root.resolve("backend"), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static GreenMail smtpOn(int port) {
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        return smtp;
    }

    @Test
    void withTheMailServerDownTheApiAnswers503LeavesNoRecordAndTheNextRequestAfterItReturnsWorks() throws Exception {
        GreenMail smtp = smtpOn(0);
        int port = smtp.getSmtp().getPort();
        smtp.stop();
        String email = "outage@example.com";
        String body = RunningBackend.requestBody(email, Secrets.generate(new SecureRandom()));
        // The production floor: the 503 path must not wait for it, the 202 after it does.
        try (InProcessSignInApi api = new InProcessSignInApi(root.resolve("outage-links.db"), backend, port, 1000, Clock.systemUTC())) {
            APIGatewayProxyResponseEvent down = api.post(body);
            assertThat(down.getStatusCode()).isEqualTo(503);
            assertThat(RunningBackend.JSON.readTree(down.getBody()).path(SignInApi.FIELD_ERROR).asText())
                    .isEqualTo(SignInApi.ERROR_EMAIL_UNAVAILABLE);
            String emailKey = new SaltedHash(InProcessSignInApi.SALT).of(email);
            assertThat(api.store().find(emailKey)).as("record left behind by the failed request").isEmpty();

            GreenMail back = smtpOn(port);
            try {
                APIGatewayProxyResponseEvent up = api.post(body);
                assertThat(up.getStatusCode()).as("no cooldown from the failed request").isEqualTo(202);
                assertThat(back.getReceivedMessages()).hasSize(1);
                assertThat(back.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo(email);
                assertThat(api.store().find(emailKey)).isPresent();
            } finally {
                back.stop();
            }
        }
    }

    @Test
    void aLinkMailedBeforeTheBackendRestartedStillSignsIn(@TempDir Path appDir) throws Exception {
        String email = "restart@example.com";
        try (CognitoSignInClient app = backend.app(appDir, Clock.systemUTC())) {
            app.requestLink(email);
            String link = backend.latestLink(email);
            Endpoints before = backend.endpoints();

            backend.restart();

            assertThat(backend.endpoints()).as("same port, pool and client after the restart").isEqualTo(before);
            Session session = app.completeSignIn(link);
            assertThat(session.email()).isEqualTo(email);
        }
    }

    @Test
    void anAppKilledBetweenRequestAndClickCompletesTheSignInWhenStartedAgain(@TempDir Path appDir) throws Exception {
        String email = "killed@example.com";
        Path config = backend.dataDir().resolve(LocalBackend.ENDPOINTS_FILE);
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AppProcess.class.getName(),
                config.toString(), appDir.toString(), email))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder seen = new StringBuilder();
            while ((line = out.readLine()) != null && !line.equals(AppProcess.REQUESTED)) {
                seen.append(line).append('\n');
            }
            assertThat(line).as("the app process asked for a link; it printed:%n%s", seen).isEqualTo(AppProcess.REQUESTED);
        } finally {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.list(appDir)).as("the pending request the killed app left").isNotEmpty();

        String link = backend.latestLink(email);
        try (CognitoSignInClient restarted = backend.app(appDir, Clock.systemUTC())) {
            assertThat(restarted.pendingRequest()).hasValueSatisfying(r -> assertThat(r.email()).isEqualTo(email));
            Session session = restarted.completeSignIn(link);
            assertThat(session.email()).isEqualTo(email);
            assertThat(restarted.pendingRequest()).isEmpty();
        }
    }
}
