package com.example.signin.systemtests.bench;

import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.platform.SingleInstance;
import com.example.signin.fx.internal.platform.TokenStore;
import com.example.signin.lambdas.service.CognitoUserDirectory;
import com.example.signin.local.Endpoints;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import com.example.signin.protocol.CodeChallenge;
import com.example.signin.protocol.EmailAddress;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ChallengeNameType;

/**
 * The benchmarks of docs/BENCHMARKS.md (not tests: they print figures). Run with
 * {@code ./mvnw -B -pl system-tests -am -Pbench verify -DskipTests [-Dbench.parts=flows,cold,app,handoff,jar,readme,window,click,deb,store,soak,start] [-Dbench.runs=5]}.
 */
public final class Benchmarks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final Path work;
    private final int runs;
    private final Path lambdasJar;
    private final String classpath;

    private Benchmarks(Path work, int runs, Path lambdasJar, String classpath) {
        this.work = work;
        this.runs = runs;
        this.lambdasJar = lambdasJar;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws Exception {
        // As the local backend sets it (its HttpFront): this JVM's stand-in DynamoDB server may be the first HTTP server made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<String> parts = List.of(System.getProperty("bench.parts", "jar,signin,flows,cold,handoff,app,readme").split(","));
        int runs = Integer.getInteger("bench.runs", 5);
        Path base = Path.of(System.getProperty("bench.basedir", "system-tests"));
        String cp = Files.readString(base.resolve("target/bench-classpath.txt")).strip()
                + java.io.File.pathSeparator + base.resolve("target/test-classes")
                + java.io.File.pathSeparator + base.resolve("../desktop-app/target/test-classes").normalize()
                + java.io.File.pathSeparator + base.resolve("../signin-fx/target/test-classes").normalize();
        Path work = Files.createTempDirectory("signin-bench");
        Benchmarks b = new Benchmarks(work, runs, base.resolve("../lambdas/target/lambdas.jar").normalize(), cp);
        System.out.printf("Machine: %d CPUs, %s, JDK %s; load average at start %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), System.getProperty("java.version"), loadAverage());
        for (String part : parts) {
            switch (part.strip()) {
                case "jar" -> b.jarSize();
                case "signin" -> new SignInRequestBench(work, runs).run();
                case "flows" -> b.flows();
                case "cold" -> b.coldStarts();
                case "handoff" -> b.handoff();
                case "app" -> b.appColdStart();
                case "readme" -> AppLaunchBench.readmeCommand(base.resolve("..").normalize(), work, runs);
                case "window" -> new DesktopBench(base.resolve("..").normalize(), work, runs).window();
                case "click" -> new DesktopBench(base.resolve("..").normalize(), work, runs).click();
                case "deb" -> new DesktopBench(base.resolve("..").normalize(), work, runs).deb();
                case "store" -> new LocalBackendBench(work, runs, base, cp).store();
                case "soak" -> new LocalBackendBench(work, runs, base, cp).soak();
                case "start" -> new LocalBackendBench(work, runs, base, cp).start();
                default -> System.out.println("Unknown part " + part);
            }
        }
        System.out.printf("Load average at the end %s%n", loadAverage());
        System.exit(0);
    }

    // ------------------------------------------------------------------ figures

    private void jarSize() throws IOException {
        System.out.printf("%nLambda jar: %s, %.1f MiB (%d bytes)%n", lambdasJar.getFileName(), Files.size(lambdasJar) / 1048576.0,
                Files.size(lambdasJar));
    }

    /**
     * Full flows per second (50 clients) and the latency of one flow (one client), each run on a
     * fresh backend. The backend runs in a JVM of its own ({@code java -cp … LocalBackend}, as a
     * person starts it standalone) and the clients in this one, so the backend's CPU per flow is
     * its process's alone; the clients' (this JVM's) is printed beside it.
     */
    private void flows() throws Exception {
        System.out.printf("%nFull flows on the local backend (request, mail from the queue, InitiateAuth, RespondToAuthChallenge);"
                + " backend in its own JVM%n");
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<Double> backendCpus = new ArrayList<>();
        List<Double> clientCpus = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            Path dir = work.resolve("flows-" + run);
            try (BackendProcess backend = BackendProcess.start(classpath, dir);
                 Driver driver = new Driver(backend.endpoints())) {
                // Warms the backend's JIT and builds its functions; the first flows also wait for DynamoDB Local.
                for (int i = 0; i < 100; i++) {
                    driver.flow("warm-" + i + "@example.com");
                }
                long[] nanos = new long[100];
                for (int i = 0; i < nanos.length; i++) {
                    long s = System.nanoTime();
                    driver.flow("one-" + i + "@example.com");
                    nanos[i] = System.nanoTime() - s;
                }
                Arrays.sort(nanos);
                double p50 = nanos[49] / 1e6;
                double p99 = nanos[98] / 1e6;
                int flows = Integer.getInteger("bench.flows", 1000);
                // -Dbench.flowsWarm=N: N more flows by the 50 clients first, untimed, until the backend's JIT is at steady state
                SignInRequestBench.parallel(Integer.getInteger("bench.flowsWarm", 0), i -> driver.flow("warm-many-" + i + "@example.com"));
                long cpu = processCpuNanos();
                long backendCpu = backend.cpuNanos();
                long s = System.nanoTime();
                SignInRequestBench.parallel(flows, i -> driver.flow("many-" + i + "@example.com"));
                double rate = flows / ((System.nanoTime() - s) / 1e9);
                double backendPerFlow = (backend.cpuNanos() - backendCpu) / 1e6 / flows;
                double clientsPerFlow = (processCpuNanos() - cpu) / 1e6 / flows;
                p50s.add(p50);
                p99s.add(p99);
                rates.add(rate);
                backendCpus.add(backendPerFlow);
                clientCpus.add(clientsPerFlow);
                System.out.printf("  run %d: one flow p50 %.0f ms, p99 %.0f ms; 50 clients: %.1f flows/s; CPU per flow: backend %.1f ms,"
                        + " clients %.1f ms (load %s)%n", run + 1, p50, p99, rate, backendPerFlow, clientsPerFlow, loadAverage());
            }
        }
        System.out.printf("FLOWS one-flow p50 %s ms; p99 %s ms; flows/s with 50 clients %s; CPU ms per flow: backend JVM %s, clients' JVM %s%n",
                summary(p50s), summary(p99s), summary(rates), summary(backendCpus), summary(clientCpus));
    }

    /** {@code java -cp … LocalBackend --data-dir DIR --port 0}: a standalone backend, its endpoints and its CPU time. */
    static final class BackendProcess implements AutoCloseable {
        private final Process process;
        private final Endpoints endpoints;

        private BackendProcess(Process process, Endpoints endpoints) {
            this.process = process;
            this.endpoints = endpoints;
        }

        static BackendProcess start(String classpath, Path dir) throws Exception {
            Files.createDirectories(dir);
            Path log = dir.resolveSibling(dir.getFileName() + ".log");
            List<String> command = new ArrayList<>(List.of(java()));
            String jvmArgs = System.getProperty("bench.backendJvmArgs", "");
            if (!jvmArgs.isBlank()) {
                command.addAll(List.of(jvmArgs.strip().split("\\s+")));
            }
            command.addAll(List.of("-cp", classpath, LocalBackend.class.getName(), "--data-dir", dir.toString(), "--port", "0"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path file = dir.resolve(LocalBackend.ENDPOINTS_FILE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.isRegularFile(file) || Files.size(file) == 0) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("The backend did not start; its log: " + log);
                }
                Thread.sleep(20);
            }
            JsonNode e = JSON.readTree(file.toFile());
            return new BackendProcess(p, new Endpoints(e.path("region").asText(), e.path("userPoolId").asText(),
                    e.path("clientId").asText(), e.path("cognitoEndpoint").asText(), e.path("apiUrl").asText(),
                    e.path("linkBase").asText(), e.path("mailboxUrl").asText(), e.path("issuer").asText(),
                    e.path("jwksUrl").asText(), e.path("scheme").asText(), e.path("accessKeyId").asText(),
                    e.path("secretAccessKey").asText()));
        }

        Endpoints endpoints() {
            return endpoints;
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration()
                    .orElseThrow(() -> new IllegalStateException("This OS does not report a process's CPU time")).toNanos();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Each handler in a fresh JVM on the shaded jar, against the local backend's user pool endpoint, without and with priming. */
    private void coldStarts() throws Exception {
        System.out.printf("%nLambda handlers, fresh JVM on lambdas.jar (java %s), %d runs each%n", System.getProperty("java.version"), runs);
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        HttpServer dynamo = emptyDynamo();
        HttpServer secrets = secretsManager();
        try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(work.resolve("cold")).build())) {
            backend.awaitWarm();
            Endpoints e = backend.endpoints();
            String email = "post-auth@example.com";
            String username;
            try (CognitoIdentityProviderClient cognito = cognito(e)) {
                username = new CognitoUserDirectory(cognito, RANDOM).createConfirmed(e.userPoolId(), EmailAddress.parse(email));
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("AWS_REGION", e.region());
            env.put("AWS_ACCESS_KEY_ID", e.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", e.secretAccessKey());
            env.put("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", e.cognitoEndpoint());
            env.put("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:" + dynamo.getAddress().getPort());
            env.put("LINK_TABLE", "magic-links");
            env.put("USER_POOL_ID", e.userPoolId());
            // Verify, sign-in and delivery read their deployment secret from Secrets Manager at start.
            env.put("DEPLOYMENT_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:bench");
            env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://127.0.0.1:" + secrets.getAddress().getPort());
            env.put("LINK_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/bench");
            env.put("URL_SCHEME", e.scheme());
            env.put("LINK_BASE", e.linkBase());
            env.put("SENDER_ADDRESS", "no-reply@signin.example");
            env.put("MAIL_TRANSPORT", "smtp");
            env.put("SMTP_HOST", "127.0.0.1");
            env.put("SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
            env.put("BENCH_USERNAME", username);
            env.put("BENCH_EMAIL", email);
            String cp = lambdasJar + java.io.File.pathSeparator + Path.of(System.getProperty("bench.basedir", "system-tests"))
                    .resolve("target/test-classes");
            for (String handler : System.getProperty("bench.handlers", "PreSignUp,DefineAuthChallenge,CreateAuthChallenge,"
                    + "VerifyAuthChallenge,PostAuthentication,SignInApi").split(",")) {
                for (String mode : List.of("plain", "primed")) {
                    Map<String, List<Double>> figures = new LinkedHashMap<>();
                    for (int run = 0; run < runs; run++) {
                        String line = runChild(List.of(java(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", cp,
                                HandlerColdStart.class.getName(), handler, mode), env, "RESULT ");
                        for (String kv : line.split(" ")) {
                            if (kv.contains("_ms=")) {
                                figures.computeIfAbsent(kv.substring(0, kv.indexOf('=')), k -> new ArrayList<>())
                                        .add(Double.parseDouble(kv.substring(kv.indexOf('=') + 1)));
                            }
                        }
                    }
                    StringBuilder out = new StringBuilder("COLD " + handler + " " + mode + ":");
                    figures.forEach((k, v) -> out.append(' ').append(k).append(' ').append(summary(v)));
                    System.out.println(out);
                }
            }
        } finally {
            dynamo.stop(0);
            secrets.stop(0);
            smtp.stop();
        }
    }

    /** GetSecretValue for the handlers' start; nothing else. */
    private static HttpServer secretsManager() throws IOException {
        HttpServer server = HttpServer.create(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] answer = "{\"Name\":\"bench\",\"SecretString\":\"bench-deployment-secret-of-forty-eight-chars-xxx\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** With the app's instance running (socket, client), a second process hands a link over; until signed in. */
    private void handoff() throws Exception {
        System.out.printf("%nLink hand-off: `java com.example.signin.desktop.Main --data-dir DIR LINK` to the running instance, until signed in%n");
        Path appDir = Files.createDirectories(work.resolve("handoff-app"));
        try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(work.resolve("handoff-backend")).build());
             Driver driver = new Driver(backend.endpoints())) {
            backend.awaitWarm();
            CognitoSignInClient client = new CognitoSignInClient(CompletableFuture.completedFuture(new ClientConfigReader()
                    .read(work.resolve("handoff-backend").resolve(LocalBackend.ENDPOINTS_FILE))), new PendingSignInStore(appDir),
                    () -> new TokenStore.FileTokenStore(appDir.resolve(TokenStore.FILE_NAME)), Clock.systemUTC(), Locale.ENGLISH);
            java.util.concurrent.LinkedBlockingQueue<Long> signedIn = new java.util.concurrent.LinkedBlockingQueue<>();
            ExecutorService ui = Executors.newSingleThreadExecutor();
            SingleInstance.Claim claim = SingleInstance.claim(appDir, Optional.empty(), link -> ui.execute(() -> {
                try {
                    client.completeSignIn(link);
                    signedIn.add(System.nanoTime());
                } catch (Exception ex) {
                    System.out.println("  sign-in failed: " + ex);
                    signedIn.add(-1L);
                }
            }), Duration.ofSeconds(5));
            SingleInstance instance = ((SingleInstance.Claim.Instance) claim).instance();
            List<Double> totals = new ArrayList<>();
            List<Double> processes = new ArrayList<>();
            try {
                for (int run = 0; run < runs + 1; run++) {
                    String email = "handoff-" + run + "@example.com";
                    client.requestLink(email);
                    String link = driver.latestLink(email);
                    long start = System.nanoTime();
                    Process p = new ProcessBuilder(java(), "-cp", classpath, "com.example.signin.desktop.Main", "--data-dir",
                            appDir.toString(), link).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    Long done = signedIn.poll(60, TimeUnit.SECONDS);
                    p.waitFor(60, TimeUnit.SECONDS);
                    long exited = System.nanoTime();
                    if (done == null || done < 0) {
                        throw new IllegalStateException("The handed-over link did not sign in");
                    }
                    if (run == 0) {
                        continue; // the first one also warms the running instance's clients
                    }
                    totals.add((done - start) / 1e6);
                    processes.add((exited - start) / 1e6);
                    client.signOut(false);
                }
            } finally {
                instance.close();
                client.close();
                ui.shutdown();
            }
            System.out.printf("HANDOFF click to signed in %s ms; the handing-over process lives %s ms%n", summary(totals),
                    summary(processes));
        }
    }

    /** The app's window under Xvfb, from JVM start to the sign-in screen with focus, without and with an AppCDS archive. */
    private void appColdStart() throws Exception {
        System.out.printf("%nApp cold start to interactive window (desktop-app StartupBenchmark, fake client) under Xvfb%n");
        Path archive = work.resolve("app.jsa");
        List<String> base = List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24", java(), "-cp", jarsOnly(classpath));
        String main = "com.example.signin.fx.internal.ui.StartupBenchmark";
        Pattern ms = Pattern.compile("cold start to interactive window: (\\d+) ms");
        List<Double> plain = new ArrayList<>();
        List<Double> cds = new ArrayList<>();
        List<String> dump = new ArrayList<>(base);
        dump.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, main));
        runChild(dump, Map.of(), "cold start");
        for (int run = 0; run < runs; run++) {
            List<String> cmd = new ArrayList<>(base);
            cmd.add(main);
            plain.add(number(ms, runChild(cmd, Map.of(), "cold start")));
            List<String> withCds = new ArrayList<>(base);
            withCds.addAll(List.of("-XX:SharedArchiveFile=" + archive, main));
            cds.add(number(ms, runChild(withCds, Map.of(), "cold start")));
        }
        System.out.printf("APP without AppCDS %s ms; with AppCDS (%.0f MiB archive) %s ms%n", summary(plain),
                Files.size(archive) / 1048576.0, summary(cds));
    }

    // ------------------------------------------------------------------ helpers

    /** AppCDS takes jars only: each class folder of the class path becomes a jar, other folders are left out. */
    private String jarsOnly(String cp) throws IOException {
        List<String> jars = new ArrayList<>();
        int n = 0;
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isRegularFile(path)) {
                // DynamoDB Local's manifest Class-Path names its own folder, which CDS refuses; the app bench never starts it.
                if (!path.getFileName().toString().startsWith("DynamoDBLocal")) {
                    jars.add(entry);
                }
            } else if (Files.isDirectory(path) && (entry.endsWith("classes") || entry.endsWith("test-classes"))) {
                Path jar = work.resolve("cp-" + (n++) + ".jar");
                try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                     var files = Files.walk(path)) {
                    for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        out.putNextEntry(new java.util.jar.JarEntry(path.relativize(file).toString().replace('\\', '/')));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
                jars.add(jar.toString());
            }
        }
        return String.join(java.io.File.pathSeparator, jars);
    }

    /** One sign-in as the app does it, over the wire. */
    static final class Driver implements AutoCloseable {
        private final Endpoints endpoints;
        private final CognitoIdentityProviderClient cognito;
        private final MagicLinkFormat links;

        Driver(Endpoints endpoints) {
            this.endpoints = endpoints;
            this.cognito = cognito(endpoints);
            this.links = new MagicLinkFormat(endpoints.scheme(), endpoints.linkBase());
        }

        /** {@code POST /signin} with a fresh verifier; its time in nanoseconds. */
        long request(String email) throws Exception {
            return request(email, Secrets.generate(RANDOM));
        }

        private long request(String email, String verifier) throws Exception {
            String body = "{\"email\":\"" + email + "\",\"codeChallenge\":\"" + CodeChallenge.s256(verifier)
                    + "\",\"codeChallengeMethod\":\"S256\",\"locale\":\"en\"}";
            long start = System.nanoTime();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.apiUrl() + "/signin"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            if (r.statusCode() != 202) {
                throw new IllegalStateException("request answered " + r.statusCode());
            }
            return nanos;
        }

        void flow(String email) throws Exception {
            String verifier = Secrets.generate(RANDOM);
            request(email, verifier);
            String secret = secret(email);
            var challenge = cognito.initiateAuth(b -> b.clientId(endpoints.clientId()).authFlow(AuthFlowType.CUSTOM_AUTH)
                    .authParameters(Map.of("USERNAME", email)));
            var tokens = cognito.respondToAuthChallenge(b -> b.clientId(endpoints.clientId())
                    .challengeName(ChallengeNameType.CUSTOM_CHALLENGE).session(challenge.session())
                    .challengeResponses(Map.of("USERNAME", email, "ANSWER", secret))
                    .clientMetadata(Map.of("codeVerifier", verifier))).authenticationResult();
            if (tokens == null || tokens.idToken() == null) {
                throw new IllegalStateException("no tokens for " + email);
            }
        }

        String latestLink(String email) throws Exception {
            return endpoints.linkBase() + "/open#" + secret(email);
        }

        /**
         * The secret of the mail to {@code email}, as soon as the queue has delivered it: the mailbox
         * answers when it arrives ({@code wait=}), so the clients do not poll the backend's CPUs away.
         */
        String secret(String email) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.mailboxUrl() + "/api/messages?wait=10&to="
                        + URLEncoder.encode(email, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
                String found = null;
                for (JsonNode m : JSON.readTree(r.body())) {
                    found = links.findSecret(m.path("text").asText()).orElse(found);
                }
                if (found != null) {
                    return found;
                }
            }
            throw new IllegalStateException("no mail for " + email + " within 2 minutes");
        }

        @Override
        public void close() {
            cognito.close();
        }
    }

    static CognitoIdentityProviderClient cognito(Endpoints e) {
        return CognitoIdentityProviderClient.builder().endpointOverride(URI.create(e.cognitoEndpoint()))
                .region(Region.of(e.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(e.accessKeyId(), e.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build()).build();
    }

    /**
     * A loopback stand-in for DynamoDB's HTTP endpoint that answers every call with {@code {}}
     * (no item; a put or update that succeeded): the local backend's DynamoDB Local is embedded
     * and has no HTTP endpoint, and this keeps the database's own cost out of the handler's figure.
     */
    private static HttpServer emptyDynamo() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a child process and returns its first output line containing {@code marker}. */
    private static String runChild(List<String> command, Map<String, String> env, String marker) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String found = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                all.append(line).append('\n');
                if (found == null && line.contains(marker)) {
                    found = line.substring(line.indexOf(marker));
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || found == null) {
            p.destroyForcibly();
            throw new IllegalStateException("No '" + marker + "' from " + String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + ":\n" + all);
        }
        return found;
    }

    private static double number(Pattern p, String line) {
        Matcher m = p.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("No figure in " + line);
        }
        return Double.parseDouble(m.group(1));
    }

    /** median [min–max] of n runs. */
    static String summary(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "%.1f [%.1f–%.1f, n=%d]", median(values), v[0], v[v.length - 1], v.length);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
