package com.example.signin.local;

import com.example.signin.protocol.Secrets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * Not a test: prints how fast the backend starts and how many complete sign-in flows (request,
 * mail, InitiateAuth, RespondToAuthChallenge, tokens) one JVM handles.
 *
 * <pre>./mvnw -B -pl local-backend -am -Pbenchmark -DskipTests verify [-Dbenchmark.flows=200 -Dbenchmark.threads=32]</pre>
 */
public final class LocalBackendBenchmark {

    private LocalBackendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int flows = Integer.getInteger("benchmark.flows", 200);
        int threads = Integer.getInteger("benchmark.threads", 32);
        String jar = System.getProperty("benchmark.jar", "local-backend/target/local-backend.jar");
        System.out.printf("machine: %d cores, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        if (Files.exists(Path.of(jar))) {
            Path dir = Files.createTempDirectory("bench-jar");
            for (int i = 1; i <= 3; i++) {
                System.out.printf("java -jar start %d (%s folder): %d ms to endpoints.json%n", i,
                        i == 1 ? "new" : "same", jarStartMillis(jar, dir));
            }
        } else {
            System.out.println("(no " + jar + ": run `package` first to time the runnable jar)");
        }

        Path dataDir = Files.createTempDirectory("bench");
        long begin = System.nanoTime();
        LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).build());
        long ready = System.nanoTime();
        backend.awaitWarm();
        long warm = System.nanoTime();
        System.out.printf("in-process start: ready in %d ms; DynamoDB Local and the functions ready %d ms after start%n",
                (ready - begin) / 1_000_000, (warm - begin) / 1_000_000);

        // The backend logs every sign-in; the numbers are what this prints.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        OkHttpClient http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(threads, 1, TimeUnit.MINUTES))
                .dispatcher(dispatcher(threads))
                .callTimeout(java.time.Duration.ofSeconds(60))
                .build();
        try (CognitoIdentityProviderClient cognito = TestClients.cognito(backend.endpoints())) {
            SignInDriver app = new SignInDriver(backend, http, cognito);
            run(app, Math.min(threads, 20), threads, "warm-up");
            run(app, flows, threads, "measured");
        } finally {
            backend.close();
        }
        System.exit(0);
    }

    private static void run(SignInDriver app, int flows, int threads, String label) throws Exception {
        SecureRandom random = new SecureRandom();
        AtomicInteger next = new AtomicInteger();
        List<Long> latencies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBegin = os.getProcessCpuTime();
        long begin = System.nanoTime();
        List<Future<Long>> results = new ArrayList<>();
        String run = Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < flows; i++) {
            results.add(pool.submit(() -> {
                String email = "bench-" + run + "-" + next.incrementAndGet() + "@example.com";
                long start = System.nanoTime();
                String idToken = app.signIn(email, Secrets.generate(random)).authenticationResult().idToken();
                if (idToken == null) {
                    throw new IllegalStateException("no tokens for " + email);
                }
                return System.nanoTime() - start;
            }));
        }
        for (Future<Long> f : results) {
            latencies.add(f.get(5, TimeUnit.MINUTES));
        }
        long elapsed = System.nanoTime() - begin;
        long cpu = os.getProcessCpuTime() - cpuBegin;
        pool.shutdown();
        latencies.sort(Comparator.naturalOrder());
        System.out.printf("%s: %d flows over %d threads in %.1f s = %.1f flows/s; flow latency p50 %d ms, p95 %d ms%n",
                label, flows, threads, elapsed / 1e9, flows / (elapsed / 1e9),
                latencies.get(latencies.size() / 2) / 1_000_000, latencies.get((int) (latencies.size() * 0.95)) / 1_000_000);
        // The wall-clock rate depends on what else the machine runs; the CPU this JVM spent does not (much).
        System.out.printf("%s: %.0f ms of CPU per flow (backend and clients in this JVM) = %.1f flows per CPU-second; "
                        + "load average now %.1f%n", label, cpu / 1e6 / flows, flows / (cpu / 1e9), os.getSystemLoadAverage());
    }

    private static Dispatcher dispatcher(int threads) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(threads * 2);
        dispatcher.setMaxRequestsPerHost(threads * 2);
        return dispatcher;
    }

    /** Spawns the runnable jar and waits for endpoints.json; stops it with SIGTERM (its clean shutdown). */
    private static long jarStartMillis(String jar, Path dir) throws Exception {
        Path endpoints = dir.resolve("endpoints.json");
        Files.deleteIfExists(endpoints);
        long begin = System.nanoTime();
        Process process = new ProcessBuilder("java", "-jar", jar, "--data-dir", dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            while (!Files.exists(endpoints)) {
                if (!process.isAlive() || System.nanoTime() - begin > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException("the jar did not become ready");
                }
                Thread.sleep(5);
            }
            return (System.nanoTime() - begin) / 1_000_000;
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
