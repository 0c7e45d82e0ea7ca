package com.example.signin.lambdas.testing;

import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An embedded DynamoDB Local on a fresh database file; start once per test class. */
public final class LocalDynamo implements AutoCloseable {

    private final AmazonDynamoDBLocal engine;
    private final Path folder;

    private LocalDynamo(AmazonDynamoDBLocal engine, Path folder) {
        this.engine = engine;
        this.folder = folder;
    }

    public static LocalDynamo start() {
        try {
            Path folder = Files.createTempDirectory("ddb-local");
            File dbFile = folder.resolve("links.db").toFile();
            return new LocalDynamo(DynamoDBEmbedded.create(dbFile, false), folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DynamoDbClient client() {
        return engine.dynamoDbClient();
    }

    @Override
    public void close() {
        try {
            engine.shutdown();
        } finally {
            try (var files = Files.walk(folder)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
