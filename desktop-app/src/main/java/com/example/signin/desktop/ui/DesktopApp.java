package com.example.signin.fx.internal.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import com.example.signin.fx.internal.ui.AppContext;
import com.example.signin.fx.UiLanguage;
import com.example.signin.fx.AppFolders;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The launcher builds the {@link AppContext} and calls
 * {@link #launch(AppContext)}, which blocks until the window closes.
 */
public final class DesktopApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);
    /** How long the window waits for the OS theme before showing light (and switching later if dark). */
    private static final long THEME_WAIT_MILLIS = 300;

    /** Set before {@link Application#launch}, which constructs this class itself. */
    private static volatile AppContext launchContext;
    private static volatile UiLanguage launchLanguage = UiLanguage.ENGLISH;
    private static volatile CompletableFuture<Optional<Boolean>> osPrefersDark;

    private FxTaskExecutor executor;

    /** Starts JavaFX with {@code context} in the OS locale's language; returns when the last window closes. */
    public static void launch(AppContext context) {
        launch(context, UiLanguage.forLocale(Locale.getDefault()));
    }

    /** Starts JavaFX with {@code context}, the screens in {@code language}; returns when the last window closes. */
    public static void launch(AppContext context, UiLanguage language) {
        launchLanguage = Objects.requireNonNull(language, "language");
        launchContext = Objects.requireNonNull(context, "context");
        // Asking the OS for its theme takes a process start: do it while JavaFX starts up.
        osPrefersDark = CompletableFuture.supplyAsync(OsColorScheme::prefersDark);
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        AppContext context = launchContext;
        if (context == null) {
            throw new IllegalStateException("Start the app with DesktopApp.launch(AppContext), not Application.launch");
        }
        executor = new FxTaskExecutor();
        Messages messages = Messages.load(launchLanguage);
        new UncaughtErrorDialog(messages, executor, context.dataDir(), stage).install();
        applyTheme();

        MainWindowViewModel viewModel = new MainWindowViewModel(context, executor, messages, Clock.systemDefaultZone(),
                url -> getHostServices().showDocument(url));
        if (AppFolders.Os.current() == AppFolders.Os.MACOS) {
            MacWakeSignal.install(() -> executor.runOnUi(viewModel::computerWokeUp));
        }
        Parent root = MainWindowView.load(viewModel, messages);
        stage.setTitle(messages.get("app.title"));
        stage.setScene(new Scene(root));
        stage.setMinWidth(420);
        stage.setMinHeight(380);
        stage.show();
        LOG.info("Window shown");
        viewModel.start();
    }

    private void applyTheme() {
        CompletableFuture<Optional<Boolean>> dark = osPrefersDark == null
                ? CompletableFuture.completedFuture(Optional.empty()) : osPrefersDark;
        try {
            setTheme(dark.get(THEME_WAIT_MILLIS, TimeUnit.MILLISECONDS).orElse(false));
        } catch (TimeoutException e) {
            setTheme(false);
            dark.thenAccept(prefersDark -> prefersDark.filter(Boolean::booleanValue)
                    .ifPresent(d -> executor.runOnUi(() -> setTheme(true))));
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
        if (executor != null) {
            executor.close();
        }
        LOG.info("Window closed");
    }
}
