package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
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

/**
 * 1000 complete sign-ins (request, mail, answer, tokens) by 50 clients at once against one local
 * backend: no error, and every address got exactly one mail with its own link.
 */
@Timeout(300)
class LoadTest {

    private static final int FLOWS = 1000;
    private static final int CLIENTS = 50;

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
    void aThousandCompleteSignInsByFiftyClientsHaveNoErrorAndNoLostOrDuplicatedMail() throws Exception {
        Queue<Integer> work = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < FLOWS; i++) {
            work.add(i);
        }
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger signedIn = new AtomicInteger();
        SecureRandom random = new SecureRandom();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    Integer i;
                    while ((i = work.poll()) != null) {
                        String email = address(i);
                        try {
                            String verifier = Secrets.generate(random);
                            int status = backend.requestLink(email, verifier);
                            if (status != 202) {
                                errors.add(email + ": request answered " + status);
                                continue;
                            }
                            String secret = backend.latestSecret(email);
                            InitiateAuthResponse challenge = backend.initiate(email);
                            AuthenticationResultType tokens = backend.answer(email, challenge.session(), secret, verifier)
                                    .authenticationResult();
                            if (tokens == null || tokens.idToken() == null || tokens.refreshToken() == null) {
                                errors.add(email + ": no tokens");
                            } else {
                                signedIn.incrementAndGet();
                            }
                        } catch (Exception | AssertionError e) {
                            errors.add(email + ": " + e);
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(280, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Load: %d flows by %d clients in %.1f s (%.1f flows/s)%n",
                FLOWS, CLIENTS, seconds, FLOWS / seconds);

        assertThat(errors).as("errors").isEmpty();
        assertThat(signedIn.get()).isEqualTo(FLOWS);

        // Every mail the backend sent, once: one per address, each with a different link.
        List<JsonNode> mails = backend.mails(null);
        Map<String, Integer> perAddress = new HashMap<>();
        for (JsonNode mail : mails) {
            perAddress.merge(mail.path("to").asText(), 1, Integer::sum);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < FLOWS; i++) {
            expected.add(address(i));
        }
        assertThat(perAddress.keySet()).isEqualTo(expected);
        assertThat(perAddress.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
        assertThat(new HashSet<>(backend.secretsIn(mails))).hasSize(FLOWS);
    }

    private static String address(int i) {
        return "load-" + i + "@example.com";
    }
}
