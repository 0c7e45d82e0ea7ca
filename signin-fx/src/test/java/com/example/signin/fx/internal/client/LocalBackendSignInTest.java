package com.example.signin.fx.internal.client;

import com.example.signin.testsupport.TestClock;
import com.example.signin.fx.Session;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.client.SignInException.Problem;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.internal.platform.DeviceId;
import com.example.signin.fx.internal.platform.PendingSignIn;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.platform.TokenStore;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import com.example.signin.protocol.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real client against the embedded local backend: the same wire protocols as AWS. */
@Timeout(180)
class LocalBackendSignInTest {

    @TempDir
    static Path root;
    private static LocalBackend backend;
    private static MagicLinkConfig config;
    private static Mailbox mailbox;
    /** The backend's clock: real time, moved past the resend cooldown between requests for one address. */
    private static final TestClock CLOCK = TestClock.realTime();

    @BeforeAll
    static void startBackend() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(root.resolve("backend")).port(0).clock(CLOCK).build());
        // Read the ready file the way the app reads --config: proves endpoints.json is a valid configuration.
        config = new ClientConfigReader().read(root.resolve("backend").resolve(LocalBackend.ENDPOINTS_FILE));
        mailbox = new Mailbox(config.mailboxUrl().orElseThrow());
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    private CognitoSignInClient client(Path dataDir) {
        return new CognitoSignInClient(CompletableFuture.completedFuture(config), new PendingSignInStore(dataDir),
                () -> new TokenStore.FileTokenStore(dataDir.resolve(TokenStore.FILE_NAME)),
                () -> DeviceId.loadOrCreate(dataDir, new SecureRandom()), Clock.systemUTC(), Locale.ENGLISH);
    }

    @Test
    void aMailedLinkSignsInOnceAndTheSessionSurvivesARestartUntilSignOut(@TempDir Path dataDir) throws Exception {
        String email = "carol@example.com";
        String link;
        try (CognitoSignInClient app = client(dataDir)) {
            app.requestLink(email);
            link = mailbox.awaitNewLink(email, Optional.empty());
            PendingSignIn used = new PendingSignInStore(dataDir).load().orElseThrow();

            Session session = app.completeSignIn(link);
            assertThat(session.email()).isEqualTo(email);
            assertThat(session.tokenStorage()).isEqualTo(Session.TokenStorage.FILE);

            // The same link again: nothing is pending here any more.
            assertThat(problem(() -> app.completeSignIn(link))).isEqualTo(Problem.LINK_NOT_REQUESTED_HERE);
            // Even with the pending request put back (a copy of the data folder), the pool refuses the used link.
            new PendingSignInStore(dataDir).save(used);
            assertThat(problem(() -> app.completeSignIn(link))).isEqualTo(Problem.LINK_USED);
            new PendingSignInStore(dataDir).clear();
        }
        try (CognitoSignInClient restarted = client(dataDir)) {
            assertThat(restarted.restoreSession()).get().extracting(Session::email).isEqualTo(email);
            restarted.signOut(true);
            assertThat(dataDir.resolve(TokenStore.FILE_NAME)).doesNotExist();
        }
        try (CognitoSignInClient afterSignOut = client(dataDir)) {
            assertThat(afterSignOut.restoreSession()).isEmpty();
        }
    }

    @Test
    void aLinkOpenedInAnotherDataFolderIsRefused(@TempDir Path requesting, @TempDir Path other) throws Exception {
        String email = "dave@example.com";
        try (CognitoSignInClient first = client(requesting); CognitoSignInClient second = client(other)) {
            // Without a request of its own, the other installation refuses the link by itself.
            second.requestLink(email);
            String secondsLink = mailbox.awaitNewLink(email, Optional.empty());
            CLOCK.advance(Duration.ofSeconds(61));
            first.requestLink(email);
            String firstsLink = mailbox.awaitNewLink(email, Optional.of(secondsLink));

            // Each data folder is its own device (its deviceId): the other's verifier does not fit the
            // first's link, and the first's request left the other's own link working (issue 11).
            assertThat(problem(() -> second.completeSignIn(firstsLink))).isEqualTo(Problem.LINK_FOREIGN_DEVICE);
            assertThat(first.completeSignIn(firstsLink).email()).isEqualTo(email);
            assertThat(second.completeSignIn(secondsLink).email()).isEqualTo(email);
        }
        try (CognitoSignInClient fresh = client(Files.createTempDirectory(other, "fresh"))) {
            assertThat(problem(() -> fresh.completeSignIn(new com.example.signin.protocol.MagicLinkFormat(config.scheme(),
                    config.linkBase()).appLink(Secrets.generate(new SecureRandom()))))).isEqualTo(Problem.LINK_NOT_REQUESTED_HERE);
        }
    }

    @Test
    void aSecondRequestWithinTheCooldownIsRateLimitedWithItsWait(@TempDir Path dataDir) throws Exception {
        try (CognitoSignInClient app = client(dataDir)) {
            app.requestLink("erin@example.com");
            SignInException e = catchIt(() -> app.requestLink("erin@example.com"));
            assertThat(e.problem()).isEqualTo(Problem.RATE_LIMITED);
            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60)));
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Problem problem(Action action) {
        return catchIt(action).problem();
    }

    private static SignInException catchIt(Action action) {
        try {
            action.run();
        } catch (SignInException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("Expected a SignInException, got " + e, e);
        }
        throw new AssertionError("Expected a SignInException");
    }
}
