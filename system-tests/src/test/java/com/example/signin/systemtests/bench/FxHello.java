package com.example.signin.systemtests.bench;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The reference of the window rows (issue 15): a minimal JavaFX Hello, one Stage with one Label,
 * started on the same JDK and JavaFX jars as the app. It prints {@value #SHOWN} and the wall-clock
 * milliseconds once its window is shown (the point where the app logs "Window shown"), then exits.
 */
public final class FxHello extends Application {

    static final String SHOWN = "HELLO_SHOWN ";

    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Hello");
        stage.setScene(new Scene(new Label("Hello"), 420, 380));
        stage.show();
        System.out.println(SHOWN + System.currentTimeMillis());
        System.out.flush();
        Platform.exit();
    }
}
