package com.example.signin.desktop.ui;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.control.Alert;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an exception nobody caught: it is logged with its stack trace, and the person
 * sees a short dialog (texts from the bundle, never the trace) instead of a dead window.
 */
final class UncaughtErrorDialog implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UncaughtErrorDialog.class);

    private final AppTexts texts;
    private final Executor uiThread;
    private final Path dataDir;
    private final Window owner;
    /** One dialog at a time: a failure repeating on every frame must not pile up windows. */
    private final AtomicBoolean showing = new AtomicBoolean();

    /** @param uiThread runs a task on the JavaFX thread ({@code Platform::runLater}) */
    UncaughtErrorDialog(AppTexts texts, Executor uiThread, Path dataDir, Window owner) {
        this.texts = Objects.requireNonNull(texts, "texts");
        this.uiThread = Objects.requireNonNull(uiThread, "uiThread");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.owner = owner;
    }

    /** Handles uncaught exceptions on the calling (JavaFX) thread and on every other thread. */
    void install() {
        Thread.currentThread().setUncaughtExceptionHandler(this);
        Thread.setDefaultUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        LOG.error("Uncaught exception on thread {}", thread.getName(), failure);
        if (!showing.compareAndSet(false, true)) {
            return;
        }
        try {
            uiThread.execute(this::show);
        } catch (RuntimeException e) {
            showing.set(false);
            LOG.error("Cannot show the error dialog", e);
        }
    }

    private void show() {
        try {
            Alert alert = new Alert(Alert.AlertType.ERROR);
            if (owner != null && owner.isShowing()) {
                alert.initOwner(owner);
            }
            alert.setTitle(texts.get("error.title"));
            alert.setHeaderText(texts.get("error.header"));
            alert.setContentText(texts.get("error.content", dataDir.toString()));
            alert.setOnHidden(event -> showing.set(false));
            // show(), not showAndWait(): the failure may have come from a layout or animation pulse.
            alert.show();
        } catch (RuntimeException e) {
            showing.set(false);
            LOG.error("Cannot show the error dialog", e);
        }
    }
}
