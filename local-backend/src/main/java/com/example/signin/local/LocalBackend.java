package com.example.signin.local;

import com.example.signin.local.internal.DataFiles;
import com.example.signin.local.internal.Functions;
import com.example.signin.local.internal.HttpFront;
import com.example.signin.local.internal.LinkDatabase;
import com.example.signin.local.internal.LinkPage;
import com.example.signin.local.internal.Mailbox;
import com.example.signin.local.internal.PoolState;
import com.example.signin.local.internal.SignInRoute;
import com.example.signin.local.internal.Signing;
import com.example.signin.local.internal.UserPool;
import com.example.signin.local.internal.UserPoolEndpoint;
import com.example.signin.protocol.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded local backend: a Cognito-compatible user pool endpoint, the sign-in API, the link
 * page and a development mailbox, on 127.0.0.1 and one port, running the same {@code lambdas}
 * classes as AWS. Users, link records, refresh tokens and the signing key live in the data folder
 * and survive a restart; mail is kept in memory.
 *
 * <pre>{@code
 * try (LocalBackend backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(dir).build())) {
 *     Endpoints e = backend.endpoints();
 * }
 * }</pre>
 *
 * {@link #start} returns when the HTTP server answers and {@code endpoints.json} is written;
 * DynamoDB Local keeps starting in the background and the first request that needs it waits.
 */
public final class LocalBackend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);

    /** The region the local pool claims to be in. */
    public static final String REGION = "us-east-1";
    /** The file in the data folder that holds the endpoints once the backend is ready. */
    public static final String ENDPOINTS_FILE = "endpoints.json";

    private final Endpoints endpoints;
    private final List<AutoCloseable> parts;
    private final LinkDatabase database;
    private final Functions functions;
    private final Path endpointsFile;
    private volatile boolean closed;

    private LocalBackend(Endpoints endpoints, List<AutoCloseable> parts, LinkDatabase database, Functions functions,
                         Path endpointsFile) {
        this.endpoints = endpoints;
        this.parts = parts;
        this.database = database;
        this.functions = functions;
        this.endpointsFile = endpointsFile;
    }

    /**
     * Starts a backend on {@code options.dataDir()} and returns when it answers.
     *
     * @throws IOException if the data folder cannot be used or the port cannot be bound; the
     *                     message says what to do
     */
    public static LocalBackend start(LocalBackendOptions options) throws IOException {
        long begin = System.nanoTime();
        Path dataDir = options.dataDir().toAbsolutePath();
        DataFiles.createPrivateDirectory(dataDir);
        if (!Files.isWritable(dataDir)) {
            throw new IOException("The data folder " + dataDir + " is not writable");
        }
        Path endpointsFile = dataDir.resolve(ENDPOINTS_FILE);
        // The file is rewritten when ready: a reader never sees endpoints of a backend that is gone.
        Files.deleteIfExists(endpointsFile);
        Path poolFile = dataDir.resolve("pool.json");
        // Read on its own thread (loading Jackson takes a while) while the servers bind.
        CompletableFuture<PoolState> loadedState = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                PoolState loaded = PoolState.load(poolFile);
                loadedState.complete(loaded == null ? newPoolState() : loaded);
            } catch (IOException | RuntimeException e) {
                loadedState.completeExceptionally(e);
            }
        }, "pool-load");
        loader.setDaemon(true);
        loader.start();

        List<AutoCloseable> parts = new ArrayList<>();
        LinkDatabase database = LinkDatabase.start(dataDir.resolve("links.db"));
        // Making a new RSA key can take seconds on a busy machine: like the database, only the first sign-in waits.
        Signing signing = Signing.start(dataDir.resolve("signing-key.json"));
        try {
            Mailbox mailbox = Mailbox.start(options.scheme());
            parts.add(mailbox);
            PoolState state = join(loadedState);
            HttpFront front = HttpFront.bind(options.port(), state.lastPort);
            parts.add(front);

            state.lastPort = front.port();

            String base = "http://127.0.0.1:" + front.port();
            String issuer = base + "/" + state.userPoolId;
            Endpoints endpoints = new Endpoints(REGION, state.userPoolId, state.clientId, base,
                    base + HttpFront.API_PATH, base, base + HttpFront.MAILBOX_PATH, issuer,
                    issuer + "/.well-known/jwks.json", options.scheme());

            Functions functions = Functions.create(new Functions.Setting(endpoints, state.linkHashSalt,
                    mailbox.smtpPort(), options.clock(), database, options.settings()));
            parts.add(functions);
            UserPool pool = new UserPool(state, poolFile, REGION, signing::get, options.clock(), functions.triggers(),
                    () -> issuer);
            front.serve(new HttpFront.Routes(state.userPoolId, new UserPoolEndpoint(pool), () -> signing.get().jwksJson(),
                    new SignInRoute(functions::signInApi), new LinkPage(options.scheme()), mailbox, options.clock()));

            DataFiles.writeAtomically(endpointsFile, endpointsJson(endpoints).getBytes(StandardCharsets.UTF_8), false);
            // Saved after ready: the first save of a new pool (and Jackson's warm-up) is not on the start path.
            Thread saver = new Thread(pool::persistNow, "pool-save");
            saver.setDaemon(true);
            saver.start();
            LocalBackend backend = new LocalBackend(endpoints, parts, database, functions, endpointsFile);
            LOG.info("Local backend ready in {} ms at {} (data folder {})", (System.nanoTime() - begin) / 1_000_000,
                    base, dataDir);
            return backend;
        } catch (IOException | RuntimeException e) {
            closeAll(parts);
            database.close();
            throw e;
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /**
     * Waits until DynamoDB Local is up and the functions are built, which the first sign-in
     * request would otherwise wait for (the benchmark uses it to measure the two apart).
     */
    public void awaitWarm() {
        functions.warmUp();
    }

    /**
     * Waits until the link requests answered so far have been delivered to the mailbox (the API
     * answers before the mail goes out): for tests, benchmarks and tools that read the mailbox
     * right after a request.
     *
     * @return whether the delivery queue came to rest within {@code timeout}
     */
    public boolean awaitDeliveries(java.time.Duration timeout) {
        return functions.awaitDeliveries(timeout);
    }

    /** Stops everything and removes {@code endpoints.json}; the data stays. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(endpointsFile);
        } catch (IOException e) {
            LOG.warn("Could not remove {}: {}", endpointsFile, e.getMessage());
        }
        closeAll(parts);
        database.close();
        LOG.info("Local backend stopped");
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", parts.get(i).getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** {@code endpoints.json}, written without Jackson so that starting does not wait for it to load. */
    static String endpointsJson(Endpoints endpoints) {
        StringBuilder json = new StringBuilder("{\n");
        var entries = new ArrayList<>(endpoints.asMap().entrySet());
        for (int i = 0; i < entries.size(); i++) {
            json.append("  \"").append(entries.get(i).getKey()).append("\": \"")
                    .append(jsonEscape(entries.get(i).getValue())).append('"').append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static PoolState newPoolState() {
        SecureRandom random = new SecureRandom();
        PoolState state = new PoolState();
        state.userPoolId = REGION + "_" + randomText(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 9);
        state.clientId = randomText(random, "abcdefghijklmnopqrstuvwxyz0123456789", 26);
        state.linkHashSalt = Secrets.generate(random);
        return state;
    }

    private static String randomText(SecureRandom random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /**
     * {@code java -jar local-backend.jar --data-dir DIR [--port N] [--settings FILE] [--sign-up-mode ...]}
     * (see {@link BackendCommandLine}): runs until interrupted (Ctrl-C).
     */
    public static void main(String[] args) throws Exception {
        BackendCommandLine.Parsed parsed;
        try {
            parsed = BackendCommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Run with --help to see every option.");
            System.exit(2);
            return;
        }
        if (parsed.help() != null) {
            System.out.print(parsed.help());
            return;
        }
        LocalBackendOptions options = parsed.options();
        // The hook is in place before anything starts, so an early Ctrl-C also stops cleanly.
        AtomicReference<LocalBackend> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Path endpointsFile = options.dataDir().toAbsolutePath().resolve(ENDPOINTS_FILE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalBackend started = running.get();
            if (started != null) {
                started.close();
            } else {
                try {
                    Files.deleteIfExists(endpointsFile);
                } catch (IOException ignored) {
                    // the JVM is exiting; nothing else to do
                }
            }
            stopped.countDown();
        }, "local-backend-shutdown"));
        LocalBackend backend;
        try {
            backend = start(options);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("The local backend could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        running.set(backend);
        Endpoints e = backend.endpoints();
        System.out.println("Local backend ready. Endpoints in " + endpointsFile);
        System.out.println("  user pool  " + e.cognitoEndpoint() + "  (" + e.userPoolId() + ", client " + e.clientId() + ")");
        System.out.println("  sign-in    " + e.apiUrl() + "/signin");
        System.out.println("  mailbox    " + e.mailboxUrl());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
