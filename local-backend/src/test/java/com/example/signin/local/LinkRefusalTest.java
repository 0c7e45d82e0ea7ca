package com.example.signin.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.TestClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/**
 * Every way a link is refused, each with the error type and message Cognito gives the app. The
 * backend's clock is injected: tests move it forward (each test uses its own address).
 */
@Timeout(180)
class LinkRefusalTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dataDir;
    static TestClock clock = TestClock.realTime();
    static LocalBackend backend;
    static CognitoIdentityProviderClient cognito;
    static SignInDriver app;

    @BeforeAll
    static void start() throws Exception {
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).clock(clock).build());
        Endpoints endpoints = backend.endpoints();
        cognito = TestClients.cognito(endpoints);
        OkHttpClient http = TestClients.http();
        app = new SignInDriver(backend, http, cognito);
    }

    @AfterAll
    static void stop() {
        cognito.close();
        backend.close();
    }

    @Test
    void replayedLinkIsRefusedAsUsed() throws Exception {
        String email = "replay@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.signIn(email, verifier).authenticationResult().idToken()).isNotBlank();
        String secret = app.latestSecret(email);

        InitiateAuthResponse again = app.initiate(email);
        assertRefused(() -> app.answer(email, again.session(), secret, verifier), LinkRefusal.USED);
    }

    @Test
    void expiredLinkIsRefusedAsExpired() throws Exception {
        String email = "late@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String secret = app.latestSecret(email);

        clock.advance(Duration.ofMinutes(16));
        InitiateAuthResponse challenge = app.initiate(email);
        assertRefused(() -> app.answer(email, challenge.session(), secret, verifier), LinkRefusal.EXPIRED);
    }

    @Test
    void linkAnsweredWithAnotherDevicesVerifierIsRefusedAsForeign() throws Exception {
        String email = "intercepted@example.com";
        assertThat(app.requestLink(email, Secrets.generate(RANDOM))).isEqualTo(202);
        String secret = app.latestSecret(email);

        InitiateAuthResponse challenge = app.initiate(email);
        assertRefused(() -> app.answer(email, challenge.session(), secret, Secrets.generate(RANDOM)),
                LinkRefusal.FOREIGN_DEVICE);
    }

    @Test
    void linkFromBeforeANewerRequestNoLongerWorks() throws Exception {
        String email = "twice@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String older = app.latestSecret(email);
        clock.advance(Duration.ofSeconds(61)); // past the request cooldown
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String newer = app.latestSecret(email);
        assertThat(newer).isNotEqualTo(older);

        InitiateAuthResponse first = app.initiate(email);
        assertThatThrownBy(() -> app.answer(email, first.session(), older, verifier))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");
        InitiateAuthResponse second = app.initiate(email);
        assertThat(app.answer(email, second.session(), newer, verifier).authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void wrongAnswerEndsTheSessionSoTheRightOneNeedsANewSession() throws Exception {
        String email = "typo@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String secret = app.latestSecret(email);

        InitiateAuthResponse challenge = app.initiate(email);
        assertThatThrownBy(() -> app.answer(email, challenge.session(), Secrets.generate(RANDOM), verifier))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Incorrect username or password.");
        assertThatThrownBy(() -> app.answer(email, challenge.session(), secret, verifier))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid session for the user");

        InitiateAuthResponse fresh = app.initiate(email);
        assertThat(app.answer(email, fresh.session(), secret, verifier).authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void sessionOlderThanThreeMinutesIsRefused() throws Exception {
        String email = "slow@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String secret = app.latestSecret(email);

        InitiateAuthResponse challenge = app.initiate(email);
        clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        assertThatThrownBy(() -> app.answer(email, challenge.session(), secret, verifier))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("Invalid session for the user, session is expired.");
    }

    @Test
    void madeUpAnswersNeverBurnTheLink() throws Exception {
        String email = "guesser@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String secret = app.latestSecret(email);
        for (int i = 0; i < 10; i++) {
            InitiateAuthResponse challenge = app.initiate(email);
            assertThatThrownBy(() -> app.answer(email, challenge.session(), Secrets.generate(RANDOM), verifier))
                    .isInstanceOf(NotAuthorizedException.class);
        }
        InitiateAuthResponse challenge = app.initiate(email);
        assertThat(app.answer(email, challenge.session(), secret, verifier).authenticationResult().idToken()).isNotBlank();
    }

    @Test
    void refusalsWithTheRightSecretSpendTheLinkAtTheLimit() throws Exception {
        String email = "interceptor@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String secret = app.latestSecret(email);
        for (int i = 0; i < 5; i++) {
            InitiateAuthResponse challenge = app.initiate(email);
            assertRefused(() -> app.answer(email, challenge.session(), secret, Secrets.generate(RANDOM)), LinkRefusal.FOREIGN_DEVICE);
        }
        InitiateAuthResponse challenge = app.initiate(email);
        assertRefused(() -> app.answer(email, challenge.session(), secret, verifier), LinkRefusal.USED);
    }

    @Test
    void ofConcurrentAnswersWithOneLinkExactlyOneSignsIn() throws Exception {
        String email = "race@example.com";
        String verifier = Secrets.generate(RANDOM);
        assertThat(app.requestLink(email, verifier)).isEqualTo(202);
        String secret = app.latestSecret(email);
        int answers = 6;
        java.util.List<String> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < answers; i++) {
            sessions.add(app.initiate(email).session());
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(answers);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (String session : sessions) {
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return app.answer(email, session, secret, verifier).authenticationResult() != null;
                    } catch (NotAuthorizedException | UserLambdaValidationException refused) {
                        return false;
                    }
                }));
            }
            go.countDown();
            int signedIn = 0;
            for (java.util.concurrent.Future<Boolean> result : results) {
                signedIn += result.get(120, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(signedIn).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertRefused(Runnable answer, LinkRefusal expected) {
        assertThatThrownBy(answer::run)
                .isInstanceOfSatisfying(UserLambdaValidationException.class, e -> {
                    String message = e.awsErrorDetails().errorMessage();
                    assertThat(message).isEqualTo(String.format(LinkRefusal.COGNITO_MESSAGE_FORMAT, expected.code()));
                    assertThat(LinkRefusal.fromMessage(message)).isEqualTo(Optional.of(expected));
                });
    }
}
