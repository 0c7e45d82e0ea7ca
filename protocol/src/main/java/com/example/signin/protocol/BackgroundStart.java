package com.example.signin.protocol;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Something slow to make (a database, a key, a server) made on a daemon thread of its own while
 * the caller goes on, and waited for, with a time limit, by whoever first needs it. A daemon
 * thread, so that a start still under way never keeps the JVM alive.
 *
 * @param <T> what is made
 */
public final class BackgroundStart<T> {

    private final String what;
    private final CompletableFuture<T> result;

    private BackgroundStart(String what, CompletableFuture<T> result) {
        this.what = what;
        this.result = result;
    }

    /** Makes {@code what} now on a daemon thread named {@code threadName}. */
    public static <T> BackgroundStart<T> start(String threadName, String what, Callable<T> make) {
        return start(threadName, what, CompletableFuture.completedFuture(null), make);
    }

    /**
     * Makes {@code what} on a daemon thread once {@code after} completes, so that its work does not
     * compete with what comes first for the CPUs; not at all if {@code after} fails.
     *
     * @param what a few words for messages, e.g. "the signing key"
     */
    public static <T> BackgroundStart<T> start(String threadName, String what, CompletionStage<?> after, Callable<T> make) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                after.toCompletableFuture().join();
            } catch (RuntimeException e) {
                result.completeExceptionally(new IllegalStateException("Stopped before " + what + " was made", e));
                return;
            }
            try {
                result.complete(make.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return new BackgroundStart<>(what, result);
    }

    /**
     * What was made, waiting at most {@code timeout} for it.
     *
     * @throws IllegalStateException if making it failed (its cause attached), took longer, or the wait was interrupted
     */
    public T await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(capitalized(what) + " could not be made: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(capitalized(what) + " was not ready within " + timeout.toSeconds() + " s", e);
        }
    }

    /** Completes with what was made, or with the failure. */
    public CompletableFuture<T> future() {
        return result;
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
