package com.example.signin.desktop.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/** The app's {@link TaskExecutor}: daemon worker threads, results on the JavaFX thread. */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private final ExecutorService workers = Executors.newCachedThreadPool(new DaemonThreads());

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
    public void close() {
        workers.shutdownNow();
    }

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "signin-task-" + count.incrementAndGet());
            t.setDaemon(true); // a hanging network call must not keep the app alive after the window closes
            return t;
        }
    }
}
