package com.example.signin.desktop.platform;

import com.example.signin.desktop.config.ClientConfig;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded local backend, started in the background. Placeholder until the local-backend
 * module is merged: its configuration never arrives.
 */
public final class EmbeddedBackend implements AutoCloseable {

    /** The local backend's URL scheme. */
    public static final String SCHEME = "com.example.signin";

    private final CompletableFuture<ClientConfig> config;

    private EmbeddedBackend(CompletableFuture<ClientConfig> config) {
        this.config = config;
    }

    public static EmbeddedBackend start(Path dataDir) {
        return new EmbeddedBackend(CompletableFuture.failedFuture(
                new IllegalStateException("This build has no local backend; start the app with --config FILE")));
    }

    public CompletableFuture<ClientConfig> config() {
        return config;
    }

    @Override
    public void close() {
    }
}
