package com.example.signin.local.internal;

import com.example.signin.protocol.BackgroundStart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * DynamoDB Local, embedded and file-backed in the data folder. It takes seconds to start from a
 * cold JVM, so it starts on its own thread while the rest of the backend comes up; only the first
 * request that needs it waits.
 */
public final class LinkDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkDatabase.class);

    /** How long a request waits for the database before it gives up. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final BackgroundStart<AmazonDynamoDBLocal> database;

    private LinkDatabase(BackgroundStart<AmazonDynamoDBLocal> database) {
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
        return new LinkDatabase(BackgroundStart.start("dynamodb-local-start", "DynamoDB Local", after, () -> {
            long begin = System.nanoTime();
            try {
                // The second argument disables DynamoDB Local's telemetry: this backend never leaves the machine.
                AmazonDynamoDBLocal local = DynamoDBEmbedded.create(file.toFile(), Boolean.TRUE);
                LOG.info("DynamoDB Local ready in {} ms", (System.nanoTime() - begin) / 1_000_000);
                return local;
            } catch (RuntimeException | Error e) {
                LOG.error("DynamoDB Local could not start on {}", file, e);
                throw e;
            }
        }));
    }

    /** The client, once the database is up (waits for it). */
    public DynamoDbClient client() {
        return database.await(STARTUP_TIMEOUT).dynamoDbClient();
    }

    /** Shuts DynamoDB Local down (its threads would keep the JVM alive); if it is still starting, as soon as it is up. */
    @Override
    public void close() {
        database.future().whenComplete((local, failure) -> {
            if (local != null) {
                local.shutdown();
            }
        });
    }
}
