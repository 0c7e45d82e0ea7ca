package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.Secrets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether an address has an account must not show in the sign-in API's answer: same status, same
 * headers that matter, same bytes, and (with the production response floor of 1 s) the same time.
 * Known and unknown requests alternate, each to a different address so that no cooldown applies.
 */
@Timeout(240)
class AccountDisclosureTest {

    private static final int PER_KIND = 200;
    /** Enough to finish in well under a minute at the 1 s floor, few enough that the work stays under the floor on 2 cores. */
    private static final int CLIENTS = 10;

    @TempDir
    static Path dataDir;
    static RunningBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start(dataDir, new MovableClock());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    record Answer(boolean known, int status, Map<String, String> headers, String body, long nanos) {
    }

    @Test
    void knownAndUnknownAddressesGetTheSameAnswerInTheSameTime() throws Exception {
        SecureRandom random = new SecureRandom();
        // Accounts made by the same code the sign-in API makes them with.
        CognitoUserDirectory directory = new CognitoUserDirectory(backend.cognito(), random);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            String email = known(i);
            created.add(pool.submit(() -> directory.createConfirmed(backend.endpoints().userPoolId(), EmailAddress.parse(email))));
        }
        for (Future<?> f : created) {
            f.get(120, TimeUnit.SECONDS);
        }

        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < PER_KIND; i++) {
                futures.add(pool.submit(timed(true, known(i), random, answers)));
                futures.add(pool.submit(timed(false, "nobody-" + i + "@example.org", random, answers)));
            }
            for (Future<?> f : futures) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Answer> known = answers.stream().filter(Answer::known).toList();
        List<Answer> unknown = answers.stream().filter(a -> !a.known()).toList();
        assertThat(known).hasSize(PER_KIND);
        assertThat(unknown).hasSize(PER_KIND);
        Answer reference = known.get(0);
        assertThat(reference.status()).isEqualTo(202);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(reference.status());
            assertThat(a.headers()).isEqualTo(reference.headers());
            assertThat(a.body()).isEqualTo(reference.body());
        });

        double knownMedian = median(known);
        double unknownMedian = median(unknown);
        System.out.printf("Account disclosure: median %.1f ms known, %.1f ms unknown (%d each, %d clients)%n",
                knownMedian / 1e6, unknownMedian / 1e6, PER_KIND, CLIENTS);
        assertThat(Math.abs(knownMedian - unknownMedian) / Math.min(knownMedian, unknownMedian))
                .as("relative difference of the medians (%.1f ms known, %.1f ms unknown)", knownMedian / 1e6, unknownMedian / 1e6)
                .isLessThanOrEqualTo(0.10);
    }

    private static String known(int i) {
        return "member-" + i + "@example.org";
    }

    private static Runnable timed(boolean known, String email, SecureRandom random, List<Answer> answers) {
        String body = RunningBackend.requestBody(email, Secrets.generate(random));
        return () -> {
            long start = System.nanoTime();
            try (Response response = backend.postSignIn(body)) {
                String text = response.body().string();
                long nanos = System.nanoTime() - start;
                answers.add(new Answer(known, response.code(), headersThatMatter(response.headers()), text, nanos));
            } catch (java.io.IOException e) {
                throw RunningBackend.unchecked(e);
            }
        };
    }

    /** Every header but {@code Date} (the clock, not the account). */
    private static Map<String, String> headersThatMatter(Headers headers) {
        Map<String, String> map = new TreeMap<>();
        for (String name : headers.names()) {
            if (!name.equalsIgnoreCase("Date")) {
                map.put(name.toLowerCase(Locale.ROOT), String.join(",", headers.values(name)));
            }
        }
        return map;
    }

    private static double median(List<Answer> answers) {
        long[] nanos = answers.stream().mapToLong(Answer::nanos).sorted().toArray();
        int n = nanos.length;
        return n % 2 == 1 ? nanos[n / 2] : (nanos[n / 2 - 1] + nanos[n / 2]) / 2.0;
    }
}
