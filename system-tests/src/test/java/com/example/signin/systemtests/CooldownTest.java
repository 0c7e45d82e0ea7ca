package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.SignInApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 requests for one address within one minute: one mail, and 99 answers of 429 with
 * {@code Retry-After}. The backend's clock stands still, so "within a minute" holds however slow
 * the machine is.
 */
@Timeout(180)
class CooldownTest {

    private static final int REQUESTS = 100;

    @TempDir
    static Path dataDir;
    static RunningBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start(dataDir, Clock.fixed(Instant.now(), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    record Answer(int status, String retryAfter, JsonNode body) {
    }

    @Test
    void aHundredRequestsForOneAddressWithinAMinuteSendOneMailAndAnswer429WithRetryAfterToTheOthers() throws Exception {
        String email = "impatient@example.com";
        SecureRandom random = new SecureRandom();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Answer> answers = new ArrayList<>();
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                // Each request as a fresh app install would send it: its own verifier.
                String body = RunningBackend.requestBody(email, Secrets.generate(random));
                futures.add(pool.submit(() -> {
                    try (Response response = backend.postSignIn(body)) {
                        return new Answer(response.code(), response.header("Retry-After"),
                                RunningBackend.JSON.readTree(response.body().string()));
                    }
                }));
            }
            for (Future<Answer> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).filteredOn(a -> a.status() == 202).hasSize(1);
        List<Answer> limited = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(limited).hasSize(REQUESTS - 1);
        assertThat(limited).allSatisfy(a -> {
            assertThat(a.retryAfter()).as("Retry-After").isNotNull().matches("[0-9]+");
            assertThat(Integer.parseInt(a.retryAfter())).isBetween(1, 60);
            assertThat(a.body().path(SignInApi.FIELD_ERROR).asText()).isEqualTo(SignInApi.ERROR_TOO_MANY_REQUESTS);
            assertThat(a.body().path(SignInApi.FIELD_MESSAGE).asText()).contains(a.retryAfter() + " seconds");
        });
        assertThat(backend.mails(email)).hasSize(1);
    }
}
