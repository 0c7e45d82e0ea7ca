package com.example.signin.fx.internal.ui;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/** The app's {@link TaskExecutor}: daemon worker threads and one timer thread, results on the JavaFX thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private final ExecutorService workers = Executors.newCachedThreadPool(new DaemonThreads("signin-task-"));
    /** One thread that only waits for due timers and hands their actions to the JavaFX thread. */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("signin-timer-"));

    @Override
    public void runInBackground(Runnable work) {
        workers.execute(work);
    }

    @Override
    public void runOnUi(Runnable action) {
        // The one place the app hands work to the JavaFX thread.
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable action) {
        ScheduledFuture<?> future = timers.schedule(() -> runOnUi(action), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timers.shutdownNow();
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();
        private final String prefix;

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true); // a hanging network call must not keep the app alive after the window closes
            return t;
        }
    }
}
