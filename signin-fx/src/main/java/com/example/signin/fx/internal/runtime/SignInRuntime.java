package com.example.signin.fx.internal.runtime;

import com.example.signin.fx.AppFolders;
import com.example.signin.fx.DesktopEnvironment;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.SchemeHandler;
import com.example.signin.fx.Session;
import com.example.signin.fx.UiLanguage;
import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.platform.IncomingLinks;
import com.example.signin.fx.internal.platform.MacOpenUriHandler;
import com.example.signin.fx.internal.platform.SingleInstance;
import com.example.signin.fx.internal.ui.AppContext;
import com.example.signin.fx.internal.ui.BackendInfo;
import com.example.signin.fx.internal.ui.FxTaskExecutor;
import com.example.signin.fx.internal.ui.MacWakeSignal;
import com.example.signin.fx.internal.ui.MainWindowView;
import com.example.signin.fx.internal.ui.MainWindowViewModel;
import com.example.signin.fx.internal.ui.Messages;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a built {@code MagicLinkSignIn} runs: the client, the claimed single instance, the
 * scheme registration, and (from the first {@link #view()}) the screens. Kept apart from the
 * public facade so that {@code MagicLinkSignIn.handOff}, the first thing a host's {@code main}
 * calls, loads no JavaFX and no logging class.
 */
public final class SignInRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(SignInRuntime.class);

    private final DesktopEnvironment environment;
    private final UiLanguage language;
    private final IncomingLinks links;
    private final SingleInstance instance;
    private final CognitoSignInClient client;
    private final BackendInfo backend;
    private final Consumer<String> browser;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>(this, "session");
    private final ObjectProperty<Node> signedInContent = new SimpleObjectProperty<>(this, "signedInContent");
    private FxTaskExecutor executor;
    private MainWindowViewModel viewModel;
    private Node view;

    /**
     * @param config         the backend, possibly still starting
     * @param local          whether it is the embedded local backend (badge and mailbox link)
     * @param registerScheme whether to register the scheme on the first run, once the config is known
     * @param instance       the claimed single instance, whose links go to {@code links}
     */
    public SignInRuntime(DesktopEnvironment environment, CompletableFuture<MagicLinkConfig> config, boolean local,
            UiLanguage language, Consumer<String> browser, boolean registerScheme, SingleInstance instance,
            IncomingLinks links) {
        this.environment = environment;
        this.language = language;
        this.links = links;
        this.instance = instance;
        this.browser = browser;
        this.client = CognitoSignInClient.forDataDir(config, environment.folders().dataDir(), language.locale());
        this.backend = local ? new BackendInfo(true, config.thenApply(c -> c.mailboxUrl().map(URI::create))) : BackendInfo.aws();
        if (registerScheme) {
            config.thenAcceptAsync(c -> {
                try {
                    new SchemeHandler(environment, c.scheme()).registerOnFirstRun();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("The {}:// registration failed ({}); paste links into the app instead", c.scheme(), e.toString());
                }
            });
        }
        if (environment.os() == AppFolders.Os.MACOS) {
            MacOpenUriHandler.install(links);
        }
    }

    /** The screens as one node, built (and the session restore started) on the first call; JavaFX thread only. */
    public Node view() {
        requireFxThread();
        if (view == null) {
            executor = new FxTaskExecutor();
            Messages messages = Messages.load(language);
            viewModel = new MainWindowViewModel(new AppContext(client, links, backend, environment.folders().dataDir()),
                    executor, messages, Clock.systemDefaultZone(), browser::accept);
            if (environment.os() == AppFolders.Os.MACOS) {
                MacWakeSignal.install(() -> executor.runOnUi(viewModel::computerWokeUp));
            }
            viewModel.signedIn().hostContentProperty().bind(signedInContent);
            session.bind(viewModel.sessionProperty());
            view = MainWindowView.load(viewModel, messages);
            whenShown(view, viewModel::windowShown);
            viewModel.start();
        }
        return view;
    }

    /** Runs {@code action} once, on the JavaFX thread, after the window holding {@code node} is first shown. */
    private static void whenShown(Node node, Runnable action) {
        boolean[] done = {false};
        ChangeListener<Boolean> showing = (obs, was, now) -> {
            if (now && !done[0]) {
                done[0] = true;
                // After this pulse's work, so the window's first frame comes first.
                Platform.runLater(action);
            }
        };
        ChangeListener<Window> window = (obs, old, now) -> {
            if (now != null) {
                now.showingProperty().addListener(showing);
                showing.changed(null, false, now.isShowing());
            }
        };
        ChangeListener<Scene> scene = (obs, old, now) -> {
            if (now != null) {
                now.windowProperty().addListener(window);
                window.changed(null, null, now.getWindow());
            }
        };
        node.sceneProperty().addListener(scene);
        scene.changed(null, null, node.getScene());
    }

    public String title() {
        return Messages.load(language).get("app.title");
    }

    public ReadOnlyObjectProperty<Session> session() {
        return session.getReadOnlyProperty();
    }

    public ObjectProperty<Node> signedInContent() {
        return signedInContent;
    }

    public Optional<String> accessToken() {
        return client.accessToken();
    }

    /** The screen's "Sign out"; JavaFX thread only, after {@link #view()}. */
    public void signOut() {
        requireFxThread();
        if (viewModel == null) {
            throw new IllegalStateException("Place view() in the scene before signing out");
        }
        viewModel.signedIn().signOut();
    }

    public void close() {
        instance.close();
        client.close();
        if (executor != null) {
            executor.close();
        }
    }

    private static void requireFxThread() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("Call this on the JavaFX application thread");
        }
    }
}
