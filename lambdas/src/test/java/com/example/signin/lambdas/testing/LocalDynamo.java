package com.example.signin.lambdas.testing;

import com.example.signin.lambdas.service.LinkStore;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * An embedded DynamoDB Local on a fresh database file in a temporary folder, one per test class:
 * <pre>{@code
 * @RegisterExtension
 * static final LocalDynamo dynamo = new LocalDynamo();   // started before @BeforeAll, stopped after @AfterAll
 * }</pre>
 * jqwik's containers run no JUnit extensions: there, {@link #start()} and {@link #close()}.
 */
public final class LocalDynamo implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private final AtomicInteger tables = new AtomicInteger();
    private AmazonDynamoDBLocal engine;
    private Path folder;

    /** Started and stopped by JUnit as an extension. */
    public LocalDynamo() {
    }

    /** Started now; the caller closes it. */
    public static LocalDynamo start() {
        LocalDynamo dynamo = new LocalDynamo();
        dynamo.open();
        return dynamo;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open() {
        try {
            folder = Files.createTempDirectory("ddb-local");
            engine = DynamoDBEmbedded.create(folder.resolve("links.db").toFile(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DynamoDbClient client() {
        if (engine == null) {
            throw new IllegalStateException("DynamoDB Local is not started: register it with @RegisterExtension on a static field");
        }
        return engine.dynamoDbClient();
    }

    /** A link store on a table of its own, new at each call, so that no test sees another's records. */
    public LinkStore freshStore() {
        return new LinkStore(client(), freshTable());
    }

    /** The name of a new, empty link table. */
    public String freshTable() {
        String table = "links" + tables.getAndIncrement();
        LinkStore.createTable(client(), table);
        return table;
    }

    @Override
    public void close() {
        try {
            if (engine != null) {
                engine.shutdown();
            }
        } finally {
            engine = null;
            try (var files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
