package com.example.signin.systemtests.bench;

import com.example.signin.local.Endpoints;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The local backend's rows of issue 15 that {@link Benchmarks} runs as parts {@code store},
 * {@code soak} and {@code start}: the cost of one change against the pool's size, memory over a
 * long run under the embedded heap limit, and start to first HTTP answer against cognito-local.
 */
final class LocalBackendBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path work;
    private final int runs;
    private final Path base;
    private final String classpath;

    LocalBackendBench(Path work, int runs, Path base, String classpath) {
        this.work = work;
        this.runs = runs;
        this.base = base;
        this.classpath = classpath;
    }

    /**
     * AdminCreateUser (what the delivery worker calls for a new address, PreSignUp trigger
     * included) on a pool of 100 users (A) and of 10,000 (B), alternating A and B, the pools made
     * as an earlier version's {@code pool.json} so the same code measures before and after.
     */
    void store() throws Exception {
        int small = 100;
        int large = Integer.getInteger("bench.storeUsers", 10_000);
        int calls = 30;
        System.out.printf("%nOne user created (AdminCreateUser) at %,d users (B) vs at %,d (A); %d calls per run, median per call%n",
                large, small, calls);
        Path a = poolFolder("store-a", small);
        Path b = poolFolder("store-b", large);
        List<Double> as = new ArrayList<>();
        List<Double> bs = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        try (LocalBackend backendA = LocalBackend.start(LocalBackendOptions.builder().dataDir(a).build());
             LocalBackend backendB = LocalBackend.start(LocalBackendOptions.builder().dataDir(b).build());
             CognitoIdentityProviderClient cognitoA = Benchmarks.cognito(backendA.endpoints());
             CognitoIdentityProviderClient cognitoB = Benchmarks.cognito(backendB.endpoints())) {
            backendA.awaitWarm();
            backendB.awaitWarm();
            createUsers(cognitoA, backendA.endpoints(), "warm", 20);
            createUsers(cognitoB, backendB.endpoints(), "warm", 20);
            for (int run = 0; run < runs; run++) {
                double msA;
                double msB;
                if (run % 2 == 0) {
                    msA = createUsers(cognitoA, backendA.endpoints(), "run" + run, calls);
                    msB = createUsers(cognitoB, backendB.endpoints(), "run" + run, calls);
                } else {
                    msB = createUsers(cognitoB, backendB.endpoints(), "run" + run, calls);
                    msA = createUsers(cognitoA, backendA.endpoints(), "run" + run, calls);
                }
                as.add(msA);
                bs.add(msB);
                ratios.add(msB / msA);
                System.out.printf(Locale.ROOT, "  run %d: A %.2f ms, B %.2f ms, B/A %.2fx (load %s)%n", run + 1, msA, msB, msB / msA,
                        Benchmarks.loadAverage());
            }
        }
        System.out.printf("STORE create one user: at %d users %s ms; at %d users %s ms; ratio %s%n", small, Benchmarks.summary(as),
                large, Benchmarks.summary(bs), Benchmarks.summary(ratios));
    }

    /** Median milliseconds of {@code n} AdminCreateUser calls one after the other. */
    private static double createUsers(CognitoIdentityProviderClient cognito, Endpoints e, String tag, int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            String email = tag + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            long s = System.nanoTime();
            cognito.adminCreateUser(r -> r.userPoolId(e.userPoolId()).username(email).messageAction(MessageActionType.SUPPRESS));
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        return nanos[n / 2] / 1e6;
    }

    /** A data folder holding an earlier version's {@code pool.json} with {@code users} confirmed users. */
    private Path poolFolder(String name, int users) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        ObjectNode pool = JSON.createObjectNode();
        pool.put("userPoolId", "us-east-1_Bench" + String.format(Locale.ROOT, "%04d", users % 10_000));
        pool.put("clientId", "benchclient0123456789abcde");
        pool.put("linkHashSalt", "bench-salt-0123456789abcdefghijklmnopqrstuvwx");
        pool.put("lastPort", 0);
        ArrayNode list = pool.putArray("users");
        long now = System.currentTimeMillis();
        for (int i = 0; i < users; i++) {
            String sub = UUID.randomUUID().toString();
            ObjectNode u = list.addObject();
            u.put("username", sub);
            u.putObject("attributes").put("sub", sub).put("email", "existing-" + i + "@example.com").put("email_verified", "true");
            u.put("status", "CONFIRMED");
            u.put("enabled", true);
            u.put("createdEpochMillis", now);
            u.put("modifiedEpochMillis", now);
        }
        pool.putArray("refreshTokens");
        Files.write(dir.resolve("pool.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(pool));
        return dir;
    }

    /**
     * {@link BackendSoak} in a JVM of its own with the embedded heap limit: full flows by 20
     * clients on one backend, heap after a full GC and resident memory every 1,000 flows.
     */
    void soak() throws Exception {
        int flows = Integer.getInteger("bench.soakFlows", 10_000);
        String heap = System.getProperty("bench.soakHeap", "-Xmx256m");
        System.out.printf("%nSoak: %,d full flows by 20 clients on one backend, JVM %s; heap after full GC and RSS every 1,000 flows%n",
                flows, heap);
        Process p = new ProcessBuilder(Benchmarks.java(), heap, "-cp", classpath, BackendSoak.class.getName(),
                work.resolve("soak").toString(), Integer.toString(flows)).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("SOAK") || line.contains("OutOfMemoryError") || line.contains("Exception")) {
                    System.out.println(line);
                }
            }
        }
        System.out.printf("  soak JVM exited with %d (load %s)%n", p.waitFor(), Benchmarks.loadAverage());
    }

    /**
     * From {@code local-backend/run-local-backend} (A: AppCDS archive and C1, the archive made by one
     * untimed run first), plain {@code java -jar local-backend.jar} (A0) and {@code cognito-local}
     * 5.3.0 (B, npm) to the first HTTP answer, a fresh data folder each time, the order rotated at
     * each run so that none always goes first.
     */
    void start() throws Exception {
        Path jar = base.resolve("../local-backend/target/local-backend.jar").normalize();
        Path script = base.resolve("../local-backend/run-local-backend").normalize();
        Path cognitoLocal = Path.of(System.getProperty("bench.cognitoLocal",
                "/tmp/perf-scratch/cognito-local/node_modules/cognito-local/lib/bin/start.js"));
        boolean reference = Files.isRegularFile(cognitoLocal);
        System.out.printf("%nStart to first HTTP answer: %s (A), java -jar %s (A0), cognito-local (B); fresh folder each, %d runs%n",
                script.getFileName(), jar.getFileName(), runs);
        if (!reference) {
            System.out.printf("  cognito-local skipped: %s not found (npm install cognito-local@5.3.0 in a scratch folder and pass"
                    + " -Dbench.cognitoLocal=.../node_modules/cognito-local/lib/bin/start.js)%n", cognitoLocal);
        }
        // The script's first run writes its archive at exit (after the jar is built): not timed.
        Path training = Files.createDirectories(work.resolve("start-training"));
        int trainingPort = freePort();
        timeToFirstAnswer(List.of(script.toString(), "--data-dir", training.toString(), "--port", Integer.toString(trainingPort)),
                training, trainingPort);
        List<String> names = reference ? List.of("A", "A0", "B") : List.of("A", "A0");
        java.util.Map<String, List<Double>> times = new java.util.LinkedHashMap<>();
        names.forEach(n -> times.put(n, new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((run + k) % names.size());
                Path dir = Files.createDirectories(work.resolve("start-" + name + "-" + run));
                int port = freePort();
                List<String> command = switch (name) {
                    case "A" -> List.of(script.toString(), "--data-dir", dir.toString(), "--port", Integer.toString(port));
                    case "A0" -> List.of(Benchmarks.java(), "-jar", jar.toString(), "--data-dir", dir.toString(),
                            "--port", Integer.toString(port));
                    default -> List.of("node", cognitoLocal.toString());
                };
                double ms = timeToFirstAnswer(command, dir, port);
                times.get(name).add(ms);
                line.append(String.format(Locale.ROOT, " %s %.0f ms", name, ms));
            }
            System.out.printf(Locale.ROOT, "  run %d:%s (load %s)%n", run + 1, line, Benchmarks.loadAverage());
        }
        List<Double> ratios = new ArrayList<>();
        if (reference) {
            for (int run = 0; run < runs; run++) {
                ratios.add(times.get("A").get(run) / times.get("B").get(run));
            }
        }
        System.out.printf("START run-local-backend %s ms; java -jar %s ms%s%n", Benchmarks.summary(times.get("A")),
                Benchmarks.summary(times.get("A0")), reference ? "; cognito-local " + Benchmarks.summary(times.get("B"))
                        + " ms; ratio run-local-backend / cognito-local " + Benchmarks.summary(ratios) : "; cognito-local not measured");
    }

    /**
     * What "first answer" means in the start row: a user-pool API call (AWS JSON 1.1
     * {@code InitiateAuth}, CUSTOM_AUTH, for an app client that does not exist) answered in
     * Cognito's error shape ({@code __type}). It needs the pool's data loaded in both servers, as a
     * person's first call does; an earlier answer (a port that only accepts, a 404, a page) does not count.
     */
    static final String PROBE_BODY = "{\"AuthFlow\":\"CUSTOM_AUTH\",\"ClientId\":\"benchprobeclient0000000000\","
            + "\"AuthParameters\":{\"USERNAME\":\"probe@example.com\"}}";

    /** Milliseconds from starting {@code command} in {@code dir} until its user pool answers {@link #PROBE_BODY} on {@code port}. */
    private static final java.util.Set<String> firstAnswerShown = new java.util.HashSet<>();

    private static double timeToFirstAnswer(List<String> command, Path dir, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("HOST", "127.0.0.1");
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth")
                .POST(HttpRequest.BodyPublishers.ofString(PROBE_BODY)).build();
        long start = System.nanoTime();
        Process p = builder.start();
        try {
            while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
                try {
                    HttpResponse<String> answer = HTTP.send(probe, HttpResponse.BodyHandlers.ofString());
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (!answer.body().contains("\"__type\"")) {
                        throw new IllegalStateException(String.join(" ", command) + " answered InitiateAuth with " + answer.statusCode()
                                + " and no Cognito error shape: " + answer.body());
                    }
                    if (!firstAnswerShown.contains(command.get(0))) {
                        firstAnswerShown.add(command.get(0));
                        System.out.printf("  %s answers the probe with %d %s%n", Path.of(command.get(0)).getFileName(),
                                answer.statusCode(), answer.body().strip());
                    }
                    return ms;
                } catch (IOException notYet) {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue());
                    }
                    Thread.sleep(5);
                }
            }
            throw new IllegalStateException(String.join(" ", command) + " did not answer within 60 s");
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
