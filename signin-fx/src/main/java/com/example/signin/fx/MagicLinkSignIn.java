package com.example.signin.fx;

import com.example.signin.fx.internal.platform.IncomingLinks;
import com.example.signin.fx.internal.platform.PrivateFiles;
import com.example.signin.fx.internal.platform.SingleInstance;
import com.example.signin.fx.internal.runtime.SignInRuntime;
import java.awt.Desktop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Node;
import org.slf4j.LoggerFactory;

/**
 * Magic-link sign-in for a JavaFX app: the sign-in screens as one node, the session whose tokens
 * renew themselves, the hand-off of clicked links to the running app, and the registration of
 * the app as the handler of its links.
 *
 * <p>A host's {@code main} first offers its arguments to a running copy, then starts JavaFX:
 * <pre>{@code
 * if (MagicLinkSignIn.handOff("my-app", args)) return;
 * Application.launch(MyApp.class, args);
 * }</pre>
 * and its {@code start} builds the sign-in and places its {@link #view()}:
 * <pre>{@code
 * MagicLinkSignIn signIn = MagicLinkSignIn.builder().appName("my-app").config(config)
 *         .arguments(getParameters().getRaw()).build();
 * root.setCenter(signIn.view());
 * signIn.session().addListener((obs, old, session) -> ...);
 * }</pre>
 *
 * <p>Threads: {@link #view()}, {@link #session()}, {@link #signedInContent()} and
 * {@link #signOut()} belong to the JavaFX application thread, and the session's listeners are
 * called on it. {@link #handOff}, {@link #builder()}, {@link #accessToken()} and {@link #close()}
 * may be called on any thread. The network calls run on the library's own daemon threads.
 */
public final class MagicLinkSignIn implements AutoCloseable {

    /** How long a cold start keeps handing its link to a first copy that is still starting. */
    static final Duration HANDOFF_WAIT = Duration.ofSeconds(15);

    /**
     * Thrown by {@link Builder#build()} when another copy of the app already runs on the data
     * folder (it started at the same moment): the start link, if any, went to it; this process
     * should exit.
     */
    public static final class AlreadyRunningException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The hand-off of this start to the running copy. */
        private final HandOff.Result result;

        AlreadyRunningException(HandOff.Result result, String message) {
            super(message);
            this.result = result;
        }

        /**
         * What became of this start's link (or request for the window).
         *
         * @return {@link HandOff.Result#DELIVERED} or {@link HandOff.Result#REFUSED}
         */
        public HandOff.Result result() {
            return result;
        }
    }

    /** Everything behind the facade; it alone touches JavaFX, so {@link #handOff} loads none. */
    private final SignInRuntime runtime;

    private MagicLinkSignIn(SignInRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Offers a start's command line to a copy of the app named {@code appName} that already runs
     * ({@link HandOff#offer(String, String...)}): call it first in {@code main}. Touches no JavaFX
     * and no network.
     *
     * @param appName the app's folder name, as given to {@link Builder#appName}
     * @param args    the command line; the link is found by {@link LinkArguments#find}
     * @return true when this process is done (a running copy took it, or refused the link); false
     *         when no copy runs and this process should start the app
     * @throws IllegalArgumentException when the link on the command line is malformed (split, or
     *         with a quote or white space); the message says so
     */
    public static boolean handOff(String appName, String... args) {
        return HandOff.offer(appName, args);
    }

    /**
     * A builder; {@link Builder#appName} (or {@link Builder#environment}) and a configuration are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The sign-in screens as one node, built on the first call (which also starts restoring a
     * stored session in the background); later calls return the same node.
     *
     * @return the node to place in the host's scene
     * @throws IllegalStateException when called off the JavaFX application thread
     */
    public Node view() {
        return runtime.view();
    }

    /**
     * The screens' heading in the chosen language ("Magic-link sign-in"), e.g. for the host's window title.
     *
     * @return the heading
     */
    public String title() {
        return runtime.title();
    }

    /**
     * The signed-in session, renewed in place while the app runs; {@code null} while nobody is
     * signed in (and before {@link #view()} was called). Changes arrive on the JavaFX thread.
     *
     * @return the read-only property
     */
    public ReadOnlyObjectProperty<Session> session() {
        return runtime.session();
    }

    /**
     * The host's own node on the signed-in screen, under the account details (for example what
     * the host's API answered); {@code null} for none. Set it on the JavaFX thread.
     *
     * @return the property
     */
    public ObjectProperty<Node> signedInContent() {
        return runtime.signedInContent();
    }

    /**
     * The current access token, for the host's calls to its own API
     * ({@code Authorization: Bearer ...}); it is renewed with the session. Kept in memory only.
     *
     * @return the token, or empty while nobody is signed in
     */
    public Optional<String> accessToken() {
        return runtime.accessToken();
    }

    /**
     * Signs this device out (revokes the refresh token), as the screen's button does; the screen
     * then shows the sign-in form and {@link #session()} becomes {@code null}.
     *
     * @throws IllegalStateException when called off the JavaFX thread or before {@link #view()}
     */
    public void signOut() {
        runtime.signOut();
    }

    /**
     * Releases the single-instance socket, the connections and the worker threads. Call it when
     * the host's window closes.
     */
    @Override
    public void close() {
        runtime.close();
    }

    /** Builds a {@link MagicLinkSignIn}. Use it on any one thread. */
    public static final class Builder {
        private String appName;
        private DesktopEnvironment environment;
        private CompletableFuture<MagicLinkConfig> config;
        private boolean local;
        private UiLanguage language = UiLanguage.forLocale(Locale.getDefault());
        private List<String> arguments = List.of();
        private boolean registerScheme = true;
        private Consumer<String> browser = Builder::browse;

        private Builder() {
        }

        /**
         * The app's folder name ({@code my-app}): its data folder under the OS's, and the name of its
         * launcher script and desktop entry. Not needed with {@link #environment}.
         *
         * @param appName letters, digits, '-', '_' or '.'
         * @return this builder
         * @throws IllegalArgumentException when the name cannot be a folder name
         */
        public Builder appName(String appName) {
            if (appName == null || !appName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                throw new IllegalArgumentException("The app name must be 1-64 letters, digits, '.', '_' or '-', not: " + appName);
            }
            this.appName = appName;
            return this;
        }

        /**
         * The user's desktop instead of this process's (folders, variables, home, OS, launcher).
         *
         * @param environment the environment
         * @return this builder
         */
        public Builder environment(DesktopEnvironment environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * The backend to sign in with.
         *
         * @param config the outputs of the backend's deployment (or a running local backend's)
         * @return this builder
         */
        public Builder config(MagicLinkConfig config) {
            this.config = CompletableFuture.completedFuture(Objects.requireNonNull(config, "config"));
            this.local = config.isLocal();
            return this;
        }

        /**
         * The backend described by the file {@code cdk deploy --outputs-file} writes (or the local
         * backend's {@code endpoints.json}).
         *
         * @param file the JSON file
         * @return this builder
         * @throws ConfigException when the file cannot be read or lacks a value; the message says which
         */
        public Builder configFile(Path file) throws ConfigException {
            return config(MagicLinkConfig.read(file));
        }

        /**
         * A local backend that is still starting: the screens show at once with a "local mode"
         * badge and a link to its mailbox, and the first request waits for it (up to 90 s).
         *
         * @param starting completes with the local backend's configuration
         * @return this builder
         */
        public Builder localBackend(CompletableFuture<MagicLinkConfig> starting) {
            this.config = Objects.requireNonNull(starting, "starting");
            this.local = true;
            return this;
        }

        /**
         * The language of the screens and of the mail (default: the OS locale's, else English).
         *
         * @param language the language
         * @return this builder
         */
        public Builder language(UiLanguage language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /**
         * The start's command line (e.g. {@code getParameters().getRaw()}): a link on it, found by
         * {@link LinkArguments#find}, is completed once the screens show.
         *
         * @param arguments the arguments
         * @return this builder
         */
        public Builder arguments(List<String> arguments) {
            this.arguments = List.copyOf(arguments);
            return this;
        }

        /**
         * Whether the app registers itself as its scheme's handler on the first run (default
         * true). Turn it off when an installer registers the scheme.
         *
         * @param register whether to register
         * @return this builder
         */
        public Builder registerSchemeOnFirstRun(boolean register) {
            this.registerScheme = register;
            return this;
        }

        /**
         * Opens a web page (the local mailbox); default: the desktop's browser. A JavaFX host may
         * pass {@code getHostServices()::showDocument}. Called on the JavaFX thread.
         *
         * @param browser opens the URL it is given
         * @return this builder
         */
        public Builder browser(Consumer<String> browser) {
            this.browser = Objects.requireNonNull(browser, "browser");
            return this;
        }

        /**
         * Claims the app's data folder (the single-instance socket), and makes the client. No
         * JavaFX is touched until {@link #view()}.
         *
         * @return the sign-in
         * @throws IllegalStateException when neither app name nor environment, or no configuration, was given
         * @throws IllegalArgumentException when the link in {@link #arguments} is malformed
         * @throws AlreadyRunningException when another copy runs on the data folder (this start's link went to it)
         * @throws UncheckedIOException when the data folder cannot be created or its socket cannot be bound
         */
        public MagicLinkSignIn build() {
            if (config == null) {
                throw new IllegalStateException("Give the backend configuration: config(...), configFile(...) or localBackend(...)");
            }
            DesktopEnvironment env = environment;
            if (env == null) {
                if (appName == null) {
                    throw new IllegalStateException("Give the app's name: appName(\"my-app\")");
                }
                env = new DesktopEnvironment(appName, AppFolders.forCurrentUser(appName, Optional.empty()), System.getenv(),
                        Path.of(System.getProperty("user.home")), AppFolders.Os.current(),
                        LauncherCommand.ofCurrentProcess(currentMainClass(), List.of()));
            }
            Optional<String> link = LinkArguments.find(arguments);
            Path dataDir = env.folders().dataDir();
            IncomingLinks links = new IncomingLinks();
            SingleInstance instance;
            try {
                PrivateFiles.createPrivateDirectory(dataDir);
                SingleInstance.Claim claim = SingleInstance.claim(dataDir, link, links::deliver, links::raiseWindow,
                        HANDOFF_WAIT);
                if (claim instanceof SingleInstance.Claim.Refused) {
                    throw new AlreadyRunningException(HandOff.Result.REFUSED, HandOff.REFUSED_SENTENCE);
                }
                if (!(claim instanceof SingleInstance.Claim.Instance owned)) {
                    throw new AlreadyRunningException(HandOff.Result.DELIVERED, "The app is already running (data folder "
                            + dataDir + "); " + (link.isPresent() ? "the link went to it." : "its window was brought to the front."));
                }
                instance = owned.instance();
            } catch (IOException e) {
                throw new UncheckedIOException("The data folder " + dataDir + " cannot be used: " + e.getMessage(), e);
            }
            link.ifPresent(l -> {
                LoggerFactory.getLogger(MagicLinkSignIn.class).info("Started with a sign-in link");
                links.deliver(l);
            });
            return new MagicLinkSignIn(new SignInRuntime(env, config, local, language, browser, registerScheme, instance, links));
        }

        /** The class the JVM was started with, which the OS should run again with a link. */
        private static String currentMainClass() {
            String command = System.getProperty("sun.java.command", "").strip();
            return command.isEmpty() ? "" : command.split("\\s+")[0];
        }

        private static void browse(String url) {
            CompletableFuture.runAsync(() -> {
                try {
                    if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                        Desktop.getDesktop().browse(URI.create(url));
                    } else {
                        LoggerFactory.getLogger(MagicLinkSignIn.class).info("No browser to open {}; open it by hand", url);
                    }
                } catch (IOException | RuntimeException e) {
                    LoggerFactory.getLogger(MagicLinkSignIn.class).warn("Cannot open {}: {}", url, e.toString());
                }
            });
        }
    }
}
