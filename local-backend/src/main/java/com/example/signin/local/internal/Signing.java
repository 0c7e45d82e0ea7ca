package com.example.signin.local.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The {@link TokenSigner}, loaded or made on a thread of its own while the backend starts. */
public final class Signing {

    private final CompletableFuture<TokenSigner> signer;

    private Signing(CompletableFuture<TokenSigner> signer) {
        this.signer = signer;
    }

    public static Signing start(Path keyFile) {
        return start(keyFile, CompletableFuture.completedFuture(null));
    }

    /** Loads or makes the key once {@code after} completes (not at all if it fails): making one is CPU-heavy. */
    public static Signing start(Path keyFile, CompletionStage<?> after) {
        CompletableFuture<TokenSigner> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                after.toCompletableFuture().join();
                future.complete(TokenSigner.loadOrCreate(keyFile));
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "signing-key");
        thread.setDaemon(true);
        thread.start();
        return new Signing(future);
    }

    /** The signer; waits for it on the first use. */
    public TokenSigner get() {
        try {
            return signer.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while loading the signing key", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The signing key could not be loaded: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The signing key was not ready within 60 s", e);
        }
    }
}
