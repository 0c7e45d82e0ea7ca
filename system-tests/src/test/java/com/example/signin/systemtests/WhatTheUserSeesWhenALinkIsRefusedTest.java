package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.platform.PendingSignIn;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.platform.TokenStore;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.TestClock;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the protocol (DESIGN.md steps 2, 6 and 7), through the desktop app's real
 * sign-in client against the local backend, checked as the {@link Problem} the screen turns into
 * a sentence. Each test uses its own address; the backend's clock moves only where a test says so.
 */
@Timeout(180)
class WhatTheUserSeesWhenALinkIsRefusedTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path root;
    static TestClock backendClock = TestClock.realTime();
    static RunningBackend backend;
    static MagicLinkFormat format;

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start(root.resolve("backend"), backendClock);
        format = new MagicLinkFormat(backend.endpoints().scheme(), backend.endpoints().linkBase());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @AfterEach
    void clockBackToNow() {
        backendClock.reset();
    }

    private static CognitoSignInClient app(Path dir) {
        return backend.app(dir, Clock.systemUTC());
    }

    @Test
    void aLinkUsedTwiceSaysItWasAlreadyUsed(@TempDir Path dir) throws Exception {
        try (CognitoSignInClient app = app(dir)) {
            app.requestLink("twice@example.com");
            String link = backend.latestLink("twice@example.com");
            PendingSignIn pending = new PendingSignInStore(dir).load().orElseThrow();
            assertThat(app.completeSignIn(link).email()).isEqualTo("twice@example.com");

            // The same request restored (a backup of the data folder): the user pool itself refuses the second use.
            new PendingSignInStore(dir).save(pending);
            assertThat(problemOf(() -> app.completeSignIn(link))).isEqualTo(Problem.LINK_USED);
        }
    }

    @Test
    void aLinkClickedAgainAfterSigningInSaysThisAppDidNotAskForIt(@TempDir Path dir) throws Exception {
        try (CognitoSignInClient app = app(dir)) {
            app.requestLink("again@example.com");
            String link = backend.latestLink("again@example.com");
            app.completeSignIn(link);
            assertThat(problemOf(() -> app.completeSignIn(link))).isEqualTo(Problem.LINK_NOT_REQUESTED_HERE);
        }
    }

    @Test
    void aLinkThisAppNeverAskedForSaysItWasNotRequestedHere(@TempDir Path requester, @TempDir Path bystander) throws Exception {
        try (CognitoSignInClient asked = app(requester); CognitoSignInClient other = app(bystander)) {
            asked.requestLink("pushed@example.com");
            String link = backend.latestLink("pushed@example.com");
            assertThat(problemOf(() -> other.completeSignIn(link))).isEqualTo(Problem.LINK_NOT_REQUESTED_HERE);
            assertThat(asked.completeSignIn(link).email()).isEqualTo("pushed@example.com");
        }
    }

    @Test
    void anExpiredLinkSaysItHasExpired(@TempDir Path dir) throws Exception {
        try (CognitoSignInClient app = app(dir)) {
            app.requestLink("late@example.com");
            String link = backend.latestLink("late@example.com");
            // The server's clock says the 15 minutes are over; the app's own clock does not (the server decides).
            backendClock.advance(Duration.ofMinutes(16));
            assertThat(problemOf(() -> app.completeSignIn(link))).isEqualTo(Problem.LINK_EXPIRED);
        }
    }

    @Test
    void aLinkRequestedOnAnotherComputerSaysItOnlyWorksWhereItWasRequested(@TempDir Path mine, @TempDir Path theirs)
            throws Exception {
        String email = "intercepted@example.com";
        try (CognitoSignInClient victim = app(mine); CognitoSignInClient attacker = app(theirs)) {
            victim.requestLink(email);
            String link = backend.latestLink(email);
            // The other installation has a request of its own for the address, with its own verifier.
            Instant now = Instant.now();
            new PendingSignInStore(theirs).save(new PendingSignIn(email, Secrets.generate(RANDOM), now,
                    now.plus(Duration.ofMinutes(15)), now.plusSeconds(60)));
            assertThat(problemOf(() -> attacker.completeSignIn(link))).isEqualTo(Problem.LINK_FOREIGN_DEVICE);
            assertThat(victim.completeSignIn(link).email()).isEqualTo(email);
        }
    }

    @Test
    void anOlderLinkAfterANewerRequestSaysItDoesNotWorkAnyMore(@TempDir Path dir) throws Exception {
        String email = "superseded@example.com";
        try (CognitoSignInClient app = app(dir)) {
            app.requestLink(email);
            String older = backend.latestLink(email);
            backendClock.advance(Duration.ofSeconds(61)); // past the resend cooldown
            app.requestLink(email);
            backendClock.reset();
            String newer = backend.latestLink(email);
            assertThat(newer).isNotEqualTo(older);

            assertThat(problemOf(() -> app.completeSignIn(older))).isEqualTo(Problem.LINK_INVALID);
            assertThat(app.completeSignIn(newer).email()).isEqualTo(email);
        }
    }

    @Test
    void madeUpLinksSayTheyDoNotWorkAndTheRealLinkStillSignsIn(@TempDir Path dir) throws Exception {
        String email = "guessed@example.com";
        try (CognitoSignInClient app = app(dir)) {
            app.requestLink(email);
            String link = backend.latestLink(email);
            for (int i = 0; i < 5; i++) {
                String guess = format.appLink(Secrets.generate(RANDOM));
                assertThat(problemOf(() -> app.completeSignIn(guess))).isEqualTo(Problem.LINK_INVALID);
            }
            assertThat(app.completeSignIn(link).email()).isEqualTo(email);
        }
    }

    @Test
    void aDamagedLinkSaysItIsNotASignInLinkAndTheWholeLinkStillWorks(@TempDir Path dir) throws Exception {
        String email = "truncated@example.com";
        try (CognitoSignInClient app = app(dir)) {
            app.requestLink(email);
            String link = backend.latestLink(email);
            assertThat(problemOf(() -> app.completeSignIn(link.substring(0, link.length() - 1)))).isEqualTo(Problem.LINK_MALFORMED);
            assertThat(problemOf(() -> app.completeSignIn("com.evil.app://signin#" + link.substring(link.indexOf('#') + 1))))
                    .isEqualTo(Problem.LINK_MALFORMED);
            assertThat(app.completeSignIn(link).email()).isEqualTo(email);
        }
    }

    @Test
    void aSecondRequestWithinAMinuteSaysToWaitAndForHowLong(@TempDir Path dir) throws Exception {
        try (CognitoSignInClient app = app(dir)) {
            app.requestLink("eager@example.com");
            SignInException e = caught(() -> app.requestLink("eager@example.com"));
            assertThat(e.problem()).isEqualTo(Problem.RATE_LIMITED);
            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60)));
            assertThat(backend.mails("eager@example.com")).hasSize(1);
        }
    }

    @Test
    void anAddressWithAMistakeSaysWhatIsWrongBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
        try (CognitoSignInClient app = app(dir)) {
            SignInException e = caught(() -> app.requestLink("alice@example"));
            assertThat(e.problem()).isEqualTo(Problem.INVALID_EMAIL);
            assertThat(e.getMessage()).isNotBlank();
            assertThat(app.pendingRequest()).isEmpty();
        }
    }

    @Test
    void whenTheSignInServiceCannotTakeTheRequestTheAppSaysItIsUnavailable(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        // The sign-in function with its queue refusing (a mail outage no longer reaches the caller: the queue waits it
        // out), served over HTTP the way the backend serves it.
        try (InProcessSignInApi api = new InProcessSignInApi(dir.resolve("links.db"), backend, closedPort, Clock.systemUTC())) {
            api.queueRefuses = true;
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/signin", exchange -> {
                APIGatewayProxyResponseEvent answer = api.post(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                answer.getHeaders().forEach(exchange.getResponseHeaders()::add);
                byte[] bytes = answer.getBody().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.getStatusCode(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            try {
                MagicLinkConfig local = backend.clientConfig();
                MagicLinkConfig broken = new MagicLinkConfig(local.region(), local.userPoolId(), local.clientId(),
                        "http://127.0.0.1:" + server.getAddress().getPort(), local.linkBase(), local.issuer(), local.scheme(),
                        local.cognitoEndpoint(), local.mailboxUrl());
                try (CognitoSignInClient app = new CognitoSignInClient(CompletableFuture.completedFuture(broken),
                        new PendingSignInStore(dir), () -> new TokenStore.FileTokenStore(dir.resolve(TokenStore.FILE_NAME)),
                        Clock.systemUTC(), Locale.ENGLISH)) {
                    assertThat(problemOf(() -> app.requestLink("unlucky@example.com"))).isEqualTo(Problem.SERVICE_UNAVAILABLE);
                    assertThat(app.pendingRequest()).as("no pending request for a link that was never sent").isEmpty();
                }
            } finally {
                server.stop(0);
            }
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Problem problemOf(Step step) {
        return caught(step).problem();
    }

    private static SignInException caught(Step step) {
        try {
            step.run();
        } catch (SignInException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("Expected a SignInException, got " + e, e);
        }
        throw new AssertionError("Expected a SignInException, but the step succeeded");
    }
}
