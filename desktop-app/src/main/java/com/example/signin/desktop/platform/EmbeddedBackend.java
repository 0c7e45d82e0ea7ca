package com.example.signin.desktop.platform;

import com.example.signin.protocol.BackgroundStart;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.local.Endpoints;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded local backend of local mode. It starts on a background thread once the first
 * window is shown ({@code startAfter}): its ~2,700 classes and DynamoDB Local would otherwise
 * compete with the window for the CPUs. The sign-in client waits for {@link #config()} on its
 * first call, so a request made before the backend is up waits for it, and a failed start
 * reaches it as {@code BACKEND_NOT_STARTED}.
 */
public final class EmbeddedBackend implements AutoCloseable {

    /** The local backend's URL scheme. */
    public static final String SCHEME = LocalBackendOptions.DEFAULT_SCHEME;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBackend.class);

    private final CompletableFuture<LocalBackend> backend = new CompletableFuture<>();
    private final CompletableFuture<MagicLinkConfig> config;
    private volatile boolean closed;

    private EmbeddedBackend(Path dataDir, CompletionStage<?> startAfter) {
        config = backend.thenApply(b -> toConfig(b.endpoints()));
        BackgroundStart.start("local-backend-start", "the local backend", startAfter, () -> {
            if (closed) {
                throw new IllegalStateException("The app closed before the local backend started");
            }
            LOG.info("Starting the embedded local backend");
            LocalBackend started = LocalBackend.start(LocalBackendOptions.builder().dataDir(dataDir).port(0).build());
            LOG.info("Local backend ready at {}", started.endpoints().apiUrl());
            if (closed) {
                started.close();
            }
            return started;
        }).future().whenComplete((started, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                LOG.error("The local backend did not start: {}", cause.getMessage());
                backend.completeExceptionally(cause);
            } else {
                backend.complete(started);
            }
        });
    }

    /**
     * Starts the local backend with its data in {@code dataDir}, in the background, once
     * {@code startAfter} completes (the app passes "the first window is shown"); not at all if it fails.
     */
    public static EmbeddedBackend start(Path dataDir, CompletionStage<?> startAfter) {
        return new EmbeddedBackend(dataDir, startAfter);
    }

    /** The backend's configuration, once it answers. */
    public CompletableFuture<MagicLinkConfig> config() {
        return config;
    }

    static MagicLinkConfig toConfig(Endpoints e) {
        return new MagicLinkConfig(e.region(), e.userPoolId(), e.clientId(), e.apiUrl(), e.linkBase(), e.issuer(), e.scheme(),
                Optional.of(e.cognitoEndpoint()), Optional.of(e.mailboxUrl()));
    }

    @Override
    public void close() {
        closed = true;
        if (backend.isDone() && !backend.isCompletedExceptionally()) {
            backend.join().close();
        }
    }
}
