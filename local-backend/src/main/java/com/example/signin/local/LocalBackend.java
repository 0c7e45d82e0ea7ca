package com.example.signin.local;

import com.example.signin.lambdas.service.SmtpMailer;
import com.example.signin.local.internal.AdminSignature;
import com.example.signin.local.internal.EmbeddedLambdas;
import com.example.signin.local.internal.HttpFront;
import com.example.signin.local.internal.LinkDatabase;
import com.example.signin.local.internal.Mailbox;
import com.example.signin.local.internal.MvUserStore;
import com.example.signin.local.internal.PoolIds;
import com.example.signin.local.internal.MeRoute;
import com.example.signin.local.internal.SignInRoute;
import com.example.signin.local.internal.TokenSigner;
import com.example.signin.local.internal.UserPool;
import com.example.signin.local.internal.UserPoolEndpoint;
import com.example.signin.protocol.BackgroundStart;
import com.example.signin.protocol.LinkPage;
import com.example.signin.protocol.PrivateFiles;
import com.example.signin.protocol.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * Not a field of this class: its initialisation would configure Logback on the main thread before
     * {@link #main} runs, where it can overlap with the start instead (see there).
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);
    }

    /** The region the local pool claims to be in. */
    public static final String REGION = "us-east-1";
    /** The file in the data folder that holds the endpoints once the backend is ready. */
    public static final String ENDPOINTS_FILE = "endpoints.json";
    /** How long a request that needs the mailbox (a delivery, the mailbox page) waits for its start. */
    private static final java.time.Duration MAILBOX_WAIT = java.time.Duration.ofSeconds(60);

    private final Endpoints endpoints;
    private final List<AutoCloseable> parts;
    private final LinkDatabase database;
    private final EmbeddedLambdas functions;
    private final Path endpointsFile;
    private volatile boolean closed;

    private LocalBackend(Endpoints endpoints, List<AutoCloseable> parts, LinkDatabase database, EmbeddedLambdas functions,
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
        SmtpMailer.nameStreamProvider(); // the mailbox parses mail too
        Path dataDir = options.dataDir().toAbsolutePath();
        PrivateFiles.createPrivateDirectory(dataDir);
        if (!Files.isWritable(dataDir)) {
            throw new IOException("The data folder " + dataDir + " is not writable");
        }
        Path endpointsFile = dataDir.resolve(ENDPOINTS_FILE);
        // The store opens on a thread of its own (class loading, mostly) while this one loads the HTTP server's classes.
        CompletableFuture<MvUserStore> openedStore = BackgroundStart.start("pool-open", "the user pool's store",
                () -> MvUserStore.open(dataDir, REGION)).future();

        List<AutoCloseable> parts = new ArrayList<>();
        // DynamoDB Local (seconds of CPU), the mailbox's SMTP server and a new RSA key start once the backend
        // answers, so they do not compete with its start for the CPUs; only the first request that needs one waits.
        CompletableFuture<Void> answering = new CompletableFuture<>();
        LinkDatabase database = LinkDatabase.start(dataDir.resolve("links.db"), answering);
        BackgroundStart<TokenSigner> signerStart = TokenSigner.startInBackground(dataDir.resolve("signing-key.json"), answering);
        Supplier<TokenSigner> signer = TokenSigner.awaiting(signerStart);
        BackgroundStart<Mailbox> startedMailbox = BackgroundStart.start("mailbox-start", "the mailbox", answering,
                () -> Mailbox.start(options.scheme()));
        Supplier<Mailbox> mailbox = () -> startedMailbox.await(MAILBOX_WAIT);
        try {
            UserPoolEndpoint.loadClasses();
            MvUserStore store = join(openedStore);
            parts.add(store);
            // Removed once the folder is ours (the store's lock), rewritten when ready: a reader never sees
            // endpoints of a backend that is gone, and a second backend refused here leaves the first one's alone.
            Files.deleteIfExists(endpointsFile);
            PoolIds ids = store.ids();
            HttpFront front = HttpFront.bind(options.port(), store.lastPort());
            parts.add(front);
            store.rememberPort(front.port());

            String base = "http://127.0.0.1:" + front.port();
            String issuer = base + "/" + ids.userPoolId();
            // Made at each start, written only into the 0600 endpoints.json: whoever cannot read that
            // file (another user, a web page) cannot read the mailbox nor call Admin* operations.
            SecureRandom random = new SecureRandom();
            String mailboxPath = HttpFront.MAILBOX_PATH + "/" + Secrets.generate(random).substring(0, 22);
            AdminSignature adminKey = AdminSignature.generate(random, REGION);
            Endpoints endpoints = new Endpoints(REGION, ids.userPoolId(), ids.clientId(), base,
                    base + HttpFront.API_PATH, base, base + mailboxPath, issuer,
                    issuer + "/.well-known/jwks.json", options.scheme(), adminKey.accessKeyId(), adminKey.secretAccessKey());

            AtomicReference<UserPoolEndpoint> poolEndpoint = new AtomicReference<>();
            EmbeddedLambdas functions = EmbeddedLambdas.create(new EmbeddedLambdas.Wiring(endpoints, ids.linkHashSalt(),
                    () -> mailbox.get().smtpPort(), options.clock(), database, options.settings(), poolEndpoint::get));
            parts.add(functions);
            UserPool pool = new UserPool(store, REGION, signer, options.clock(), functions.triggers(), () -> issuer);
            poolEndpoint.set(new UserPoolEndpoint(pool));
            front.serve(new HttpFront.Routes(ids.userPoolId(), poolEndpoint.get(), () -> signer.get().jwksJson(),
                    new SignInRoute(functions::signInApi),
                    new MeRoute(functions::meApi, () -> signer.get().jwksJson(), () -> issuer, options.clock()),
                    new LinkPage(options.scheme()), mailbox, mailboxPath, adminKey,
                    options.clock()));

            PrivateFiles.writeAtomically(endpointsFile, endpointsJson(endpoints).getBytes(StandardCharsets.UTF_8));
            answering.complete(null);
            // After ready: tokens that expired while it was stopped are forgotten off the start path.
            BackgroundStart.start("pool-tidy", "the tidying of expired refresh tokens", () -> {
                try {
                    store.purgeExpiredTokens(options.clock());
                } catch (RuntimeException e) {
                    Log.LOG.warn("Expired refresh tokens could not be forgotten: {}", e.toString());
                }
                return null;
            });
            // Stopped when the backend stops, or as soon as it is up if that comes later.
            parts.add(0, () -> startedMailbox.future().thenAccept(Mailbox::close));
            // A key still being made would be written into the folder after the backend stopped: wait for it.
            parts.add(0, () -> {
                try {
                    signerStart.future().get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // nothing more will be written, or it was logged where it failed
                }
            });
            LocalBackend backend = new LocalBackend(endpoints, parts, database, functions, endpointsFile);
            Log.LOG.info("Local backend ready in {} ms at {} (data folder {})", (System.nanoTime() - begin) / 1_000_000,
                    base, dataDir);
            return backend;
        } catch (IOException | RuntimeException e) {
            answering.completeExceptionally(e);
            closeAll(parts);
            // Started but not yet handed over (the store's file lock would stop the next start on this folder).
            openedStore.thenAccept(part -> {
                if (!parts.contains(part)) {
                    closeAll(List.of(part));
                }
            });
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
            Log.LOG.warn("Could not remove {}: {}", endpointsFile, e.getMessage());
        }
        closeAll(parts);
        database.close();
        Log.LOG.info("Local backend stopped");
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                Log.LOG.warn("Stopping {} failed: {}", parts.get(i).getClass().getSimpleName(), e.toString());
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

    /**
     * {@code java -jar local-backend.jar --data-dir DIR [--port N] [--settings FILE] [--sign-up-mode ...]}
     * (see {@link BackendCommandLine}): runs until interrupted (Ctrl-C).
     */
    public static void main(String[] args) throws Exception {
        // Logback's configuration (about 100 ms of class loading) runs beside the start on the second CPU;
        // a class that asks for a logger meanwhile gets SLF4J's stand-in, which passes its lines on once it is done.
        Thread logging = new Thread(LoggerFactory::getILoggerFactory, "logging-init");
        logging.setDaemon(true);
        logging.start();
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
        // Set when the start failed: the folder may be another backend's (its lock refused us), so its file stays.
        AtomicBoolean refused = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Path endpointsFile = options.dataDir().toAbsolutePath().resolve(ENDPOINTS_FILE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalBackend started = running.get();
            if (started != null) {
                started.close();
            } else if (!refused.get()) {
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
            refused.set(true);
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
