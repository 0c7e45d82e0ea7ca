package com.example.signin.local.internal;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteStatement;
import com.example.signin.protocol.BackgroundStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.dynamodb.services.local.shared.access.sqlite.SQLiteLibraryLoader;

/**
 * DynamoDB Local, embedded and file-backed in the data folder. It takes seconds to start from a
 * cold JVM, so it starts on its own thread while the rest of the backend comes up; only the first
 * request that needs it waits.
 */
public final class LinkDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkDatabase.class);
    /** Held here so the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger SQLITE_LOG = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    /** How long a request waits for the database before it gives up. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    /** How long {@link #close} waits for DynamoDB Local's SQLite connection to let go of the file. */
    static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

    private final Path file;
    private final BackgroundStart<AmazonDynamoDBLocal> database;

    private LinkDatabase(Path file, BackgroundStart<AmazonDynamoDBLocal> database) {
        this.file = file;
        this.database = database;
    }

    /** Starts DynamoDB Local on {@code file} in the background. */
    public static LinkDatabase start(Path file) {
        return start(file, CompletableFuture.completedFuture(null));
    }

    /**
     * Starts DynamoDB Local on {@code file} in the background once {@code after} completes (not at
     * all if it fails), so that its seconds of start-up do not compete with the rest for the CPUs.
     */
    public static LinkDatabase start(Path file, CompletionStage<?> after) {
        return new LinkDatabase(file, BackgroundStart.start("dynamodb-local-start", "DynamoDB Local", after, () -> {
            long begin = System.nanoTime();
            try {
                // The second argument disables DynamoDB Local's telemetry: this backend never leaves the machine.
                // sqlite4java warns through java.util.logging, at each start, that the shaded jar names no version of it.
                SQLITE_LOG.setLevel(java.util.logging.Level.SEVERE);
                // DynamoDB Local's own first step (idempotent): the SQLite natives, so that the file can be set up before it opens it.
                SQLiteLibraryLoader.initialize();
                useWriteAheadLog(file);
                AmazonDynamoDBLocal local = DynamoDBEmbedded.create(file.toFile(), Boolean.TRUE);
                LOG.info("DynamoDB Local ready in {} ms", (System.nanoTime() - begin) / 1_000_000);
                return local;
            } catch (Exception | Error e) {
                LOG.error("DynamoDB Local could not start on {}", file, e);
                throw e;
            }
        }));
    }

    /**
     * Puts the SQLite file under DynamoDB Local in write-ahead-log mode. DynamoDB Local keeps SQLite's
     * default rollback journal, so each of its commits (about five per sign-in) creates, syncs and
     * deletes a journal file and syncs the database: on this machine's disk that made its one SQLite
     * thread the bottleneck of the whole backend. In WAL mode a commit appends to one file and syncs it
     * once, as durable as before. Done before DynamoDB Local opens the file (a new one is made here, in
     * that mode), since it sets no busy timeout and its own queries would fail while the switch holds
     * the lock; the mode is kept in the file. If the switch fails, the backend runs on in the journal
     * mode, slower but correct.
     */
    static void useWriteAheadLog(Path file) {
        SQLiteConnection connection = new SQLiteConnection(file.toFile());
        try {
            connection.open(true);
            connection.setBusyTimeout(10_000);
            SQLiteStatement mode = connection.prepare("PRAGMA journal_mode=WAL");
            try {
                mode.step();
                String now = mode.columnString(0);
                if (!"wal".equalsIgnoreCase(now)) {
                    LOG.warn("DynamoDB Local's file {} stays in journal mode '{}'; link requests will be slower", file, now);
                }
            } finally {
                mode.dispose();
            }
        } catch (SQLiteException e) {
            LOG.warn("DynamoDB Local's file {} stays in its journal mode ({}); link requests will be slower", file, e.getMessage());
        } finally {
            connection.dispose();
        }
    }

    /** The client, once the database is up (waits for it). */
    public DynamoDbClient client() {
        return database.await(STARTUP_TIMEOUT).dynamoDbClient();
    }

    /**
     * Shuts DynamoDB Local down (its threads would keep the JVM alive); if it is still starting, as soon as it is up.
     * Returns once its SQLite connection has let go of the file, so that a backend started next on the same
     * folder in this JVM does not find it locked.
     */
    @Override
    public void close() {
        // A start still running would write into the data folder after the backend stopped: wait for it.
        try {
            database.future().get(STARTUP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException notStarted) {
            return; // failed, or never started (the backend's own start failed first)
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("DynamoDB Local was still starting after {} s; it is shut down when it is up", STARTUP_TIMEOUT.toSeconds());
            database.future().thenAccept(AmazonDynamoDBLocal::shutdown);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            database.future().thenAccept(AmazonDynamoDBLocal::shutdown);
            return;
        }
        database.future().join().shutdown();
        awaitReleased();
    }

    /**
     * DynamoDB Local's shutdown only asks its SQLite thread to stop; that thread then closes the
     * connection, which copies the write-ahead log into the file under an exclusive lock and deletes
     * the log. DynamoDB Local sets no busy timeout, so a new instance opening the file meanwhile fails
     * with "database is locked": wait for the log to go.
     */
    private void awaitReleased() {
        Path log = file.resolveSibling(file.getFileName() + "-wal");
        long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
        try {
            while (Files.exists(log) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (Files.exists(log)) {
            LOG.debug("DynamoDB Local's write-ahead log {} is still there after {} s", log, RELEASE_WAIT.toSeconds());
        }
    }
}
