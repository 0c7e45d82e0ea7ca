package com.example.signin.desktop.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Platform;

/**
 * Starts the JavaFX toolkit on a thread of its own as soon as the launcher knows this process
 * becomes the app, so that the toolkit (about 0.5 s of the 1.1 s a JavaFX Hello takes to its
 * window here, docs/BENCHMARKS.md) comes up while the launcher configures the log, reads the
 * configuration and claims the single instance; {@link DesktopApp#launch} then waits for it.
 *
 * <p>It logs nothing and touches no logging class: it runs before Logback is configured, and
 * {@link com.example.signin.desktop.AppStartup}'s class initialisation (which configures Logback)
 * would otherwise come first.
 */
public final class ToolkitStart {

    /** The start {@link #begin()} made, or null. */
    private static volatile CompletableFuture<Void> started;

    private ToolkitStart() {
    }

    /** Begins the toolkit's start; call it once, only in a process that goes on to show the window. */
    public static void begin() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        started = future;
        Thread thread = new Thread(() -> {
            try {
                Platform.startup(() -> future.complete(null));
            } catch (IllegalStateException e) {
                future.complete(null); // already started (or exited): Application.launch deals with that
            } catch (Throwable e) { // no display, no graphics pipeline: await() throws it, rather than wait for ever
                future.completeExceptionally(e);
            }
        }, "javafx-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the start {@link #begin()} made, if any; throws what the toolkit threw. */
    static void await() {
        CompletableFuture<Void> future = started;
        if (future == null) {
            return;
        }
        try {
            future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof VirtualMachineError error) {
                throw error;
            }
            // A missing native library (no GTK) and the like: the launcher says so in a sentence.
            throw new IllegalStateException("JavaFX did not start: " + cause, cause);
        }
    }
}
