package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.Session;
import com.example.signin.local.Endpoints;
import com.example.signin.local.LocalBackend;
import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.SignInApi;
import com.example.signin.testsupport.TestClock;
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
import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * How long the mail server stays down. The issue asks for 30 s; {@code -Dsystemtests.smtpOutageSeconds}
     * shortens it where the suite's time matters more (the retries pause at most 5 s, so 6 s still
     * covers several failed attempts).
     */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("systemtests.smtpOutageSeconds", 30));

    @Test
    void withTheMailServerDownEveryRequestIsAcceptedAndEveryMailArrivesOnceItIsBack() throws Exception {
        GreenMail probe = smtpOn(0);
        int port = probe.getSmtp().getPort();
        probe.stop();
        List<String> addresses = List.of("outage-1@example.com", "outage-2@example.com", "outage-3@example.com",
                "outage-4@example.com", "outage-5@example.com");
        try (InProcessSignInApi api = new InProcessSignInApi(root.resolve("outage-links.db"), backend, port, Clock.systemUTC())) {
            for (String email : addresses) {
                APIGatewayProxyResponseEvent answer = api.post(RunningBackend.requestBody(email, Secrets.generate(new SecureRandom())));
                assertThat(answer.getStatusCode()).as("mail problems never reach the caller").isEqualTo(202);
            }
            Thread.sleep(OUTAGE.toMillis());
            assertThat(api.awaitDeliveries(Duration.ZERO)).as("requests still waiting for the mail server").isFalse();

            GreenMail back = smtpOn(port);
            try {
                assertThat(api.awaitDeliveries(Duration.ofSeconds(90))).isTrue();
                List<String> recipients = new ArrayList<>();
                for (var message : back.getReceivedMessages()) {
                    recipients.add(message.getAllRecipients()[0].toString());
                }
                assertThat(recipients).as("every mail, once").containsExactlyInAnyOrderElementsOf(addresses);
            } finally {
                back.stop();
            }
        }
    }

    /**
     * The local queue lives in memory, so a request queued when the backend stops is lost (in AWS
     * it stays in SQS and is delivered). The person sees no mail; the app says "No mail after a
     * minute? ... send a new link", and once the device's cooldown ends a new request gets its
     * link. We chose this over a persisted local queue: the local backend is a development stand-in,
     * and the answer to a lost mail is the same as to a mail in spam.
     */
    @Test
    void aRequestQueuedWhenTheWorkerStopsIsLostAndTheNextOneAfterTheCooldownIsDelivered() throws Exception {
        GreenMail probe = smtpOn(0);
        int port = probe.getSmtp().getPort();
        probe.stop();
        TestClock clock = TestClock.realTime();
        String email = "stopped@example.com";
        String body = RunningBackend.requestBody(email, Secrets.generate(new SecureRandom()));
        Path db = root.resolve("stopped-links.db");
        try (InProcessSignInApi api = new InProcessSignInApi(db, backend, port, clock)) {
            assertThat(api.post(body).getStatusCode()).isEqualTo(202);
        } // the worker stops with the request still waiting for the mail server

        GreenMail back = smtpOn(port);
        try (InProcessSignInApi api = new InProcessSignInApi(db, backend, port, clock)) {
            assertThat(api.awaitDeliveries(Duration.ofSeconds(30))).isTrue();
            assertThat(back.getReceivedMessages()).as("the lost request sends nothing later").isEmpty();

            APIGatewayProxyResponseEvent tooSoon = api.post(body);
            assertThat(tooSoon.getStatusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(tooSoon.getHeaders().get("Retry-After"))).isBetween(1, 60);

            clock.advance(Duration.ofSeconds(60));
            assertThat(api.post(body).getStatusCode()).isEqualTo(202);
            assertThat(api.awaitDeliveries(Duration.ofSeconds(60))).isTrue();
            assertThat(back.getReceivedMessages()).hasSize(1);
        } finally {
            back.stop();
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

            // The mailbox path and the admin key are new at each start; what a mailed link and the app rely on is not.
            Endpoints after = backend.endpoints();
            assertThat(List.of(after.cognitoEndpoint(), after.userPoolId(), after.clientId(), after.apiUrl(), after.linkBase(),
                    after.issuer())).as("same port, pool and client after the restart").isEqualTo(List.of(before.cognitoEndpoint(),
                    before.userPoolId(), before.clientId(), before.apiUrl(), before.linkBase(), before.issuer()));
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
