package com.example.signin.desktop.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.example.signin.desktop.api.MeClient;
import com.example.signin.fx.MagicLinkSignIn;
import com.example.signin.fx.UiLanguage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.HostServices;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application: a host of the sign-in library. The window holds the library's
 * screens; once signed in, the signed-in screen also shows what the backend's {@code GET /me}
 * answers. The launcher builds everything else and calls {@link #launch}, which blocks until
 * the window closes.
 */
public final class DesktopApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    /** How long the window waits for the OS theme before showing light (and switching later if dark). */
    private static final long THEME_WAIT_MILLIS = 300;

    /** What {@link #launch} hands the instance JavaFX constructs itself. */
    private record Launch(MagicLinkSignIn signIn, MeClient me, UiLanguage language, Path dataDir, Runnable windowShown) {
    }

    private static volatile Launch launch;
    private static volatile CompletableFuture<Optional<Boolean>> osPrefersDark;
    private static volatile HostServices hostServices;

    /**
     * Asks the OS for its theme (a process start) in the background, so the window need not wait
     * for the answer. {@link #launch} asks itself if nobody did.
     */
    public static void askOsTheme() {
        osPrefersDark = CompletableFuture.supplyAsync(OsColorScheme::prefersDark);
    }

    /**
     * Starts JavaFX with the sign-in, the screens in {@code language}; returns when the last window
     * closes. {@code windowShown} runs on the JavaFX thread once the window is shown, for work that should not compete with it.
     */
    public static void launch(MagicLinkSignIn signIn, MeClient me, UiLanguage language, Path dataDir, Runnable windowShown) {
        launch = new Launch(Objects.requireNonNull(signIn, "signIn"), Objects.requireNonNull(me, "me"),
                Objects.requireNonNull(language, "language"), Objects.requireNonNull(dataDir, "dataDir"),
                Objects.requireNonNull(windowShown, "windowShown"));
        if (osPrefersDark == null) {
            askOsTheme();
        }
        ToolkitStart.await();
        Application.launch(DesktopApp.class);
    }

    /** Opens {@code url} in the browser (the local mailbox); does nothing before the window is up. */
    public static void showDocument(String url) {
        HostServices services = hostServices;
        if (services != null) {
            services.showDocument(url);
        }
    }

    @Override
    public void start(Stage stage) {
        Launch app = launch;
        if (app == null) {
            throw new IllegalStateException("Start the app with DesktopApp.launch(...), not Application.launch");
        }
        hostServices = getHostServices();
        AppTexts texts = AppTexts.load(app.language());
        new UncaughtErrorDialog(texts, Platform::runLater, app.dataDir(), stage).install();
        applyTheme();

        MagicLinkSignIn signIn = app.signIn();
        BorderPane root = new BorderPane(signIn.view());
        WhoAmI whoAmI = new WhoAmI(app.me()::me, signIn::accessToken, texts, Platform::runLater);
        Label answer = new Label();
        answer.setId("meLabel");
        answer.setWrapText(true);
        answer.textProperty().bind(whoAmI.sentenceProperty());
        signIn.signedInContent().set(answer);
        signIn.session().addListener((obs, old, now) -> whoAmI.sessionChanged(now));
        whoAmI.sessionChanged(signIn.session().get());

        stage.setTitle(signIn.title());
        stage.setScene(new Scene(root));
        stage.setMinWidth(420);
        stage.setMinHeight(380);
        stage.show();
        LOG.info("Window shown");
        // After start() returns, so the callback's work is not part of showing the window.
        Platform.runLater(app.windowShown());
    }

    private void applyTheme() {
        CompletableFuture<Optional<Boolean>> dark = osPrefersDark == null
                ? CompletableFuture.completedFuture(Optional.empty()) : osPrefersDark;
        try {
            setTheme(dark.get(THEME_WAIT_MILLIS, TimeUnit.MILLISECONDS).orElse(false));
        } catch (TimeoutException e) {
            setTheme(false);
            dark.thenAccept(prefersDark -> prefersDark.filter(Boolean::booleanValue)
                    .ifPresent(d -> Platform.runLater(() -> setTheme(true))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            setTheme(false);
        } catch (Exception e) {
            LOG.debug("Theme detection failed", e);
            setTheme(false);
        }
    }

    static void setTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    @Override
    public void stop() {
        LOG.info("Window closed");
    }
}
