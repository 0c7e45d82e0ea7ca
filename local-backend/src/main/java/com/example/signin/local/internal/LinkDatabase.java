package com.example.signin.local.internal;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    static final long STARTUP_TIMEOUT_SECONDS = 120;

    private final CompletableFuture<AmazonDynamoDBLocal> database;

    private LinkDatabase(CompletableFuture<AmazonDynamoDBLocal> database) {
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
        CompletableFuture<AmazonDynamoDBLocal> future = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                after.toCompletableFuture().join();
            } catch (RuntimeException e) {
                future.completeExceptionally(new IllegalStateException("The backend stopped before DynamoDB Local started", e));
                return;
            }
            long begin = System.nanoTime();
            try {
                // The second argument disables DynamoDB Local's telemetry: this backend never leaves the machine.
                AmazonDynamoDBLocal local = DynamoDBEmbedded.create(file.toFile(), Boolean.TRUE);
                future.complete(local);
                LOG.info("DynamoDB Local ready in {} ms", (System.nanoTime() - begin) / 1_000_000);
            } catch (Throwable e) {
                LOG.error("DynamoDB Local could not start on {}", file, e);
                future.completeExceptionally(e);
            }
        }, "dynamodb-local-start");
        starter.setDaemon(true);
        starter.start();
        return new LinkDatabase(future);
    }

    /** The client, once the database is up (waits for it). */
    public DynamoDbClient client() {
        try {
            return database.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS).dynamoDbClient();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for DynamoDB Local", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("DynamoDB Local did not start: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("DynamoDB Local did not start within " + STARTUP_TIMEOUT_SECONDS + " s", e);
        }
    }

    public CompletableFuture<?> ready() {
        return database;
    }

    /** Shuts DynamoDB Local down (its threads would keep the JVM alive); if it is still starting, as soon as it is up. */
    @Override
    public void close() {
        database.whenComplete((local, failure) -> {
            if (local != null) {
                local.shutdown();
            }
        });
    }
}
