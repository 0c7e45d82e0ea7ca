package com.example.signin.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.Secrets;
import com.example.signin.protocol.Setting;
import com.example.signin.protocol.Settings;
import com.example.signin.testsupport.TestClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.Headers;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether an address has an account must not show in the sign-in API's answer: same status, same
 * headers that matter, same bytes, and the same time, for an existing account, an unknown address
 * that gets one, and an address sign-up refuses (the domain is not allowed: the same rule as
 * invite-only). No floor makes the times equal: the request path does the same work for all three
 * and the difference happens later, in the queue.
 *
 * <p>"Within noise": requests go one at a time, the three kinds interleaved, so that the shared
 * machine's load falls on all three alike; the medians and the 90th percentiles of each kind must
 * lie within {@value #NOISE_MILLIS} ms of each other or within half of the smaller value, whichever
 * is larger. That bound is generous on purpose (the machine is shared with other builds); an
 * account lookup or a mail sent on the request path would add tens of milliseconds to one kind
 * and a constant offset to every one of its requests, which shows in the median.
 */
@Timeout(600)
class AccountDisclosureTest {

    private static final int PER_KIND = 200;
    private static final double NOISE_MILLIS = 15;

    @TempDir
    static Path dataDir;
    static RunningBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = RunningBackend.start(dataDir, TestClock.realTime(),
                Settings.defaults().with(Setting.ALLOWED_EMAIL_DOMAINS, "example.org", "allowedEmailDomains"));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    enum Kind { EXISTING, UNKNOWN, REFUSED }

    record Answer(Kind kind, int status, Map<String, String> headers, String body, long nanos) {
    }

    @Test
    void existingUnknownAndRefusedAddressesGetTheSameBytesInTheSameTime() throws Exception {
        SecureRandom random = new SecureRandom();
        // Accounts made by the same code the delivery worker makes them with.
        CognitoUserDirectory directory = new CognitoUserDirectory(backend.cognito(), random);
        for (int i = 0; i < PER_KIND; i++) {
            directory.createConfirmed(backend.endpoints().userPoolId(), EmailAddress.parse(address(Kind.EXISTING, i)));
        }
        // Warm-up outside the measurement: the first requests load classes.
        for (int i = 0; i < 20; i++) {
            timed(Kind.UNKNOWN, "warm-up-" + i + "@example.org", random);
        }

        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            for (Kind kind : Kind.values()) {
                answers.add(timed(kind, address(kind, i), random));
            }
        }

        Answer reference = answers.get(0);
        assertThat(reference.status()).isEqualTo(202);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(reference.status());
            assertThat(a.headers()).isEqualTo(reference.headers());
            assertThat(a.body()).isEqualTo(reference.body());
        });
        Map<Kind, double[]> figures = new java.util.EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            long[] nanos = answers.stream().filter(a -> a.kind() == kind).mapToLong(Answer::nanos).sorted().toArray();
            figures.put(kind, new double[] {percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6});
            System.out.printf("Account disclosure: %s p50 %.1f ms, p90 %.1f ms (%d requests)%n", kind,
                    figures.get(kind)[0], figures.get(kind)[1], nanos.length);
        }
        for (int p = 0; p < 2; p++) {
            double low = Double.MAX_VALUE;
            double high = 0;
            for (double[] f : figures.values()) {
                low = Math.min(low, f[p]);
                high = Math.max(high, f[p]);
            }
            assertThat(high - low).as("spread of the %s between the kinds (lowest %.1f ms)", p == 0 ? "medians" : "p90s", low)
                    .isLessThanOrEqualTo(Math.max(NOISE_MILLIS, low / 2));
        }
        assertThat(backend.mails(address(Kind.REFUSED, 0))).isEmpty();
        assertThat(backend.mails(address(Kind.UNKNOWN, 0))).hasSize(1);
        assertThat(backend.mails(address(Kind.EXISTING, 0))).hasSize(1);
    }

    private static String address(Kind kind, int i) {
        return switch (kind) {
            case EXISTING -> "member-" + i + "@example.org";
            case UNKNOWN -> "newcomer-" + i + "@example.org";
            case REFUSED -> "outsider-" + i + "@example.net";
        };
    }

    private static Answer timed(Kind kind, String email, SecureRandom random) throws java.io.IOException {
        String body = RunningBackend.requestBody(email, Secrets.generate(random));
        long start = System.nanoTime();
        try (Response response = backend.postSignIn(body)) {
            String text = response.body().string();
            long nanos = System.nanoTime() - start;
            return new Answer(kind, response.code(), headersThatMatter(response.headers()), text, nanos);
        }
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

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
