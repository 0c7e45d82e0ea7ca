package com.example.signin.desktop.ui;

import com.example.signin.fx.UiLanguage;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class UncaughtErrorDialogTest {

    private final AppTexts messages = AppTexts.load(UiLanguage.ENGLISH);
    private Thread.UncaughtExceptionHandler previousDefault;
    private Thread.UncaughtExceptionHandler previousFx;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        previousDefault = Thread.getDefaultUncaughtExceptionHandler();
        previousFx = Thread.currentThread().getUncaughtExceptionHandler();
        new UncaughtErrorDialog(messages, Platform::runLater, Path.of("/home/alice/.local/share/magic-link-signin"), stage).install();
    }

    @AfterEach
    void restore(FxRobot robot) {
        robot.interact(() -> {
            Thread.currentThread().setUncaughtExceptionHandler(previousFx);
            Window.getWindows().stream().filter(w -> w.getScene().getRoot() instanceof DialogPane)
                    .collect(Collectors.toList()).forEach(Window::hide);
        });
        Thread.setDefaultUncaughtExceptionHandler(previousDefault);
    }

    private static List<DialogPane> dialogs() {
        return Window.getWindows().stream()
                .filter(Window::isShowing)
                .map(w -> w.getScene().getRoot())
                .filter(DialogPane.class::isInstance)
                .map(DialogPane.class::cast)
                .collect(Collectors.toList());
    }

    @Test
    void anExceptionOnTheUiThreadShowsOneDialogWithoutTheStackTrace() throws Exception {
        Platform.runLater(() -> {
            throw new IllegalStateException("secret-looking internal detail");
        });
        Platform.runLater(() -> {
            throw new IllegalStateException("a second one while the first dialog shows");
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialogs().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        List<DialogPane> shown = dialogs();
        assertThat(shown).hasSize(1);
        assertThat(shown.get(0).getHeaderText()).isEqualTo(messages.get("error.header"));
        assertThat(shown.get(0).getContentText()).contains("magic-link-signin").doesNotContain("internal detail", "Exception");
    }

    @Test
    void anExceptionOnAnotherThreadAlsoShowsTheDialog() throws Exception {
        Thread worker = new Thread(() -> {
            throw new IllegalStateException("background failure");
        }, "test-worker");
        worker.start();
        worker.join(10_000);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !dialogs().isEmpty());
        assertThat(dialogs().get(0).getHeaderText()).isEqualTo(messages.get("error.header"));
    }
}
