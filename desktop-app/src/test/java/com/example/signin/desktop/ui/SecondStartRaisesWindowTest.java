package com.example.signin.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.desktop.AppStartup;
import com.example.signin.desktop.LaunchArguments;
import com.example.signin.fx.AppFolders;
import com.example.signin.fx.DesktopEnvironment;
import com.example.signin.fx.LauncherCommand;
import com.example.signin.desktop.Main;
import com.example.signin.fx.internal.platform.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starting the app again without a link (menu, dock, command line) while it runs: the second
 * process asks the running instance over the single-instance socket, loads no JavaFX, and the
 * instance brings its window to the front.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class SecondStartRaisesWindowTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path logs;

    private AppStartup.RunningApp app;
    private Stage stage;

    /** The app as AppStartup starts it (the instance socket, the library's screens), on a backend it never calls. */
    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path config = Files.writeString(logs.resolve("config.json"), """
                {"region": "eu-west-1", "userPoolId": "eu-west-1_Test1", "clientId": "client1",
                 "apiUrl": "http://127.0.0.1:9/api", "linkBase": "http://127.0.0.1:9", "issuer": "http://127.0.0.1:9/issuer",
                 "scheme": "com.example.signin", "cognitoEndpoint": "http://127.0.0.1:9"}
                """);
        Map<String, String> variables = Map.of("HOME", logs.resolve("home").toString(), "PATH", "/nonexistent");
        AppStartup.Outcome outcome = AppStartup.start(
                LaunchArguments.parse("--data-dir", dataDir.toString(), "--config", config.toString()),
                new DesktopEnvironment(AppFolders.APP_NAME, new AppFolders(dataDir, logs.resolve("config")), variables,
                        logs.resolve("home"), AppFolders.Os.LINUX, LauncherCommand.ofCurrentProcess(Main.class.getName(), List.of())));
        app = outcome.app();
        stage.setScene(new Scene(new BorderPane(app.signIn().view()), 520, 480));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aProcessStartedWithoutALinkBringsTheRunningWindowToTheFront(FxRobot robot) throws Exception {
        {
            // Another window covers ours exactly, and ours is minimised.
            Stage[] others = new Stage[1];
            robot.interact(() -> {
                stage.setX(0);
                stage.setY(0);
                others[0] = new Stage();
                Stage other = others[0];
                other.setScene(new Scene(new Label("another window")));
                other.setX(0);
                other.setY(0);
                other.setWidth(stage.getWidth());
                other.setHeight(stage.getHeight());
                other.show();
                other.toFront();
                stage.setIconified(true);
            });
            AtomicInteger clicksOnOurs = new AtomicInteger();
            stage.getScene().addEventFilter(MouseEvent.MOUSE_PRESSED, event -> {
                clicksOnOurs.incrementAndGet();
                event.consume();
            });
            Point2D middle = new Point2D(stage.getWidth() / 2, stage.getHeight() / 2);
            robot.clickOn(middle);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(stage.isIconified()).isTrue();
            assertThat(clicksOnOurs.get()).as("a click lands on the window in front").isZero();

            Path output = logs.resolve("second-start.txt");
            Process second = ChildJvm.start(ChildJvm.command(List.of("-verbose:class"), Main.class,
                    List.of("--data-dir", dataDir.toString())), Map.of(), output);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isZero();

            waitUntilRaised();
            assertThat(Files.readString(dataDir.resolve("logs/app.log")).split("Bringing the window to the front", -1))
                    .as("one request for the window").hasSize(2);
            robot.clickOn(middle);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(clicksOnOurs.get()).as("our window is in front now").isEqualTo(1);
            assertThat(Files.readString(output)).contains("already running");
            assertThat(Files.readAllLines(output)).filteredOn(l -> l.contains("[class,load]"))
                    .noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx."));
            robot.interact(others[0]::close);
        }
    }

    private void waitUntilRaised() {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stage.isIconified());
        } catch (TimeoutException e) {
            throw new AssertionError("the window did not come to the front", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
