package com.example.signin.fx.internal.ui;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where the screens run blocking work: {@code executor.wrap(() -> client.requestLink(email))
 * .onSuccess(request -> ...).onFailure(problem -> ...).start()}. The work runs off the UI
 * thread; both callbacks run on the UI thread. The JavaFX implementation is
 * {@link FxTaskExecutor}; tests use one that runs everything on the calling thread.
 */
public interface TaskExecutor {

    /** Runs {@code work} off the UI thread once {@link BackgroundTask#start()} is called. */
    default <T> BackgroundTask<T> wrap(Callable<T> work) {
        return new BackgroundTask<>(this, work);
    }

    /** Runs {@code work} on a background thread. */
    void runInBackground(Runnable work);

    /** Runs {@code action} on the UI thread (now, if already on it). */
    void runOnUi(Runnable action);

    /**
     * Runs {@code action} on the UI thread once {@code delay} has passed, unless cancelled first.
     * The delay is measured on the monotonic clock, which on Linux and macOS stops while the
     * computer sleeps: callers that care about wall-clock time check it when the action runs.
     */
    Scheduled schedule(Duration delay, Runnable action);

    /** A scheduled action that may still be cancelled. */
    interface Scheduled {
        /** Makes sure the action does not run (if it has not yet). */
        void cancel();
    }

    /** One piece of background work and what to do with its result. */
    final class BackgroundTask<T> {

        private final TaskExecutor executor;
        private final Callable<T> work;
        private Consumer<? super T> success = result -> { };
        private Consumer<? super Exception> failure = problem -> { };

        BackgroundTask(TaskExecutor executor, Callable<T> work) {
            this.executor = Objects.requireNonNull(executor, "executor");
            this.work = Objects.requireNonNull(work, "work");
        }

        public BackgroundTask<T> onSuccess(Consumer<? super T> onSuccess) {
            this.success = Objects.requireNonNull(onSuccess, "onSuccess");
            return this;
        }

        public BackgroundTask<T> onFailure(Consumer<? super Exception> onFailure) {
            this.failure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        public void start() {
            executor.runInBackground(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    executor.runOnUi(() -> failure.accept(e));
                    return;
                }
                executor.runOnUi(() -> success.accept(result));
            });
        }
    }
}
