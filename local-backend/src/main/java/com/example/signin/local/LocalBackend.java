package com.example.signin.local;

import com.example.signin.local.internal.AdminSignature;
import com.example.signin.local.internal.DataFiles;
import com.example.signin.local.internal.Functions;
import com.example.signin.local.internal.HttpFront;
import com.example.signin.local.internal.LinkDatabase;
import com.example.signin.local.internal.LinkPage;
import com.example.signin.local.internal.Mailbox;
import com.example.signin.local.internal.MvUserStore;
import com.example.signin.local.internal.PoolIds;
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
import java.util.Locale;
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
        // Opened on its own thread (loading MVStore's classes takes a while) while the servers bind.
        CompletableFuture<MvUserStore> openedStore = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                openedStore.complete(MvUserStore.open(dataDir, REGION));
            } catch (IOException | RuntimeException e) {
                openedStore.completeExceptionally(e);
            }
        }, "pool-open");
        loader.setDaemon(true);
        loader.start();

        List<AutoCloseable> parts = new ArrayList<>();
        LinkDatabase database = LinkDatabase.start(dataDir.resolve("links.db"));
        // Making a new RSA key can take seconds on a busy machine: like the database, only the first sign-in waits.
        Signing signing = Signing.start(dataDir.resolve("signing-key.json"));
        try {
            Mailbox mailbox = Mailbox.start(options.scheme());
            parts.add(mailbox);
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

            Functions functions = Functions.create(new Functions.Setting(endpoints, ids.linkHashSalt(),
                    mailbox.smtpPort(), options.clock(), database));
            parts.add(functions);
            UserPool pool = new UserPool(store, REGION, signing::get, options.clock(), functions.triggers(), () -> issuer);
            front.serve(new HttpFront.Routes(ids.userPoolId(), new UserPoolEndpoint(pool), () -> signing.get().jwksJson(),
                    new SignInRoute(functions::signInApi), new LinkPage(options.scheme()), mailbox, mailboxPath, adminKey,
                    options.clock()));

            DataFiles.writeAtomically(endpointsFile, endpointsJson(endpoints).getBytes(StandardCharsets.UTF_8), true);
            // After ready: tokens that expired while it was stopped are forgotten off the start path.
            Thread tidy = new Thread(() -> {
                try {
                    store.purgeExpiredTokens(options.clock());
                } catch (RuntimeException e) {
                    LOG.warn("Expired refresh tokens could not be forgotten: {}", e.toString());
                }
            }, "pool-tidy");
            tidy.setDaemon(true);
            tidy.start();
            LocalBackend backend = new LocalBackend(endpoints, parts, database, functions, endpointsFile);
            LOG.info("Local backend ready in {} ms at {} (data folder {})", (System.nanoTime() - begin) / 1_000_000,
                    base, dataDir);
            return backend;
        } catch (IOException | RuntimeException e) {
            closeAll(parts);
            // Opened but not yet handed over: its file lock would stop the next start on this folder.
            openedStore.thenAccept(store -> {
                if (!parts.contains(store)) {
                    store.close();
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

    /**
     * {@code java -jar local-backend.jar --data-dir DIR [--port N]}: runs until interrupted (Ctrl-C).
     */
    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        int port = 0;
        String scheme = LocalBackendOptions.DEFAULT_SCHEME;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--port" -> port = parsePort(value(args, ++i, arg));
                case "--scheme" -> scheme = value(args, ++i, arg);
                case "-h", "--help" -> {
                    System.out.println(usage());
                    return;
                }
                default -> fail("Unknown argument: " + arg);
            }
        }
        if (dataDir == null) {
            fail("--data-dir is required");
        }
        // The hook is in place before anything starts, so an early Ctrl-C also stops cleanly.
        AtomicReference<LocalBackend> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Path endpointsFile = dataDir.toAbsolutePath().resolve(ENDPOINTS_FILE);
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
            backend = start(LocalBackendOptions.builder().dataDir(dataDir).port(port).scheme(scheme).build());
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

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            fail(name + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        fail("--port must be a number from 0 to 65535, not " + text);
        return 0;
    }

    private static void fail(String message) {
        System.err.println(message);
        System.err.println(usage());
        System.exit(2);
    }

    private static String usage() {
        return "Usage: java -jar local-backend.jar --data-dir DIR [--port N] [--scheme " + LocalBackendOptions.DEFAULT_SCHEME
                .toLowerCase(Locale.ROOT) + "]\n  --port 0 (the default) reuses the previous port of DIR if free, else any free port.";
    }
}
