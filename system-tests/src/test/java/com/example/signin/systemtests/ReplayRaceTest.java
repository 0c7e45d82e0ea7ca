package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.LinkRefusal;
import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.TestClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserLambdaValidationException;

/**
 * One link answered 200 times at once, each answer in its own Cognito session, through the user
 * pool endpoint with the real SDK client: the verify trigger's one conditional write lets exactly
 * one of them sign in.
 */
@Timeout(240)
class ReplayRaceTest {

    private static final int ANSWERS = 200;

    @TempDir
    static Path dataDir;
    static RunningBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start(dataDir, TestClock.realTime());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void twoHundredConcurrentAnswersWithOneLinkGiveExactlyOneSetOfTokens() throws Exception {
        String email = "race@example.com";
        String verifier = Secrets.generate(new SecureRandom());
        assertThat(backend.requestLink(email, verifier)).isEqualTo(202);
        String secret = backend.latestSecret(email);

        ExecutorService pool = Executors.newFixedThreadPool(ANSWERS);
        CountDownLatch sessionsReady = new CountDownLatch(ANSWERS);
        CountDownLatch go = new CountDownLatch(1);
        List<AuthenticationResultType> tokens = new ArrayList<>();
        ConcurrentHashMap<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
        try {
            List<Future<AuthenticationResultType>> answers = new ArrayList<>();
            for (int i = 0; i < ANSWERS; i++) {
                answers.add(pool.submit(() -> {
                    InitiateAuthResponse challenge;
                    try {
                        challenge = backend.initiate(email);
                    } finally {
                        sessionsReady.countDown();
                    }
                    go.await();
                    try {
                        return backend.answer(email, challenge.session(), secret, verifier).authenticationResult();
                    } catch (UserLambdaValidationException e) {
                        String code = LinkRefusal.fromMessage(e.awsErrorDetails().errorMessage())
                                .map(LinkRefusal::code).orElse("unnamed: " + e.awsErrorDetails().errorMessage());
                        refusals.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
                        return null;
                    } catch (NotAuthorizedException e) {
                        refusals.computeIfAbsent("NotAuthorized: " + e.awsErrorDetails().errorMessage(),
                                k -> new AtomicInteger()).incrementAndGet();
                        return null;
                    }
                }));
            }
            assertThat(sessionsReady.await(120, TimeUnit.SECONDS)).as("all %d sessions started", ANSWERS).isTrue();
            go.countDown();
            for (Future<AuthenticationResultType> answer : answers) {
                AuthenticationResultType result = answer.get(120, TimeUnit.SECONDS);
                if (result != null) {
                    tokens.add(result);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(tokens).as("sets of tokens (refusals: %s)", refusals).hasSize(1);
        assertThat(tokens.get(0).idToken()).isNotBlank();
        assertThat(tokens.get(0).refreshToken()).isNotBlank();
        int refused = refusals.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(refused).isEqualTo(ANSWERS - 1);
        // Every loser learns the link was used (or, if its answer came after the record was gone, nothing).
        assertThat(refusals.keySet()).allSatisfy(code -> assertThat(code).isIn(LinkRefusal.USED.code(),
                "NotAuthorized: Incorrect username or password."));
    }
}
