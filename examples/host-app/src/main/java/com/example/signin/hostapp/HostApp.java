package com.example.signin.hostapp;

import com.example.signin.fx.MagicLinkSignIn;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/**
 * The smallest host of the sign-in library: a window whose centre is the sign-in, titled with
 * the signed-in address. The backend's configuration is the file {@code cdk deploy --outputs-file}
 * writes, named by {@code -Dhost.config=FILE} (default {@code config.json}).
 */
public final class HostApp extends Application {

    /** The app's folder name: its data folder, instance socket and scheme registration. */
    static final String NAME = "host-app";

    private MagicLinkSignIn signIn;

    // embedding:start
    @Override
    public void start(Stage stage) throws Exception {
        signIn = MagicLinkSignIn.builder()
                .appName(NAME)
                .configFile(Path.of(System.getProperty("host.config", "config.json")))
                .arguments(getParameters().getRaw())
                .build();
        BorderPane root = new BorderPane(signIn.view());
        signIn.session().addListener((obs, old, session) ->
                stage.setTitle(session == null ? "Host app" : "Host app: " + session.email()));
        stage.setTitle("Host app");
        stage.setScene(new Scene(root, 560, 640));
        stage.show();
    }
    // end:start

    @Override
    public void stop() {
        if (signIn != null) {
            signIn.close();
        }
    }
}
