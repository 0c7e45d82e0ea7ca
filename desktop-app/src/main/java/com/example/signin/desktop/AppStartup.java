package com.example.signin.desktop;

import com.example.signin.desktop.api.MeClient;
import com.example.signin.desktop.platform.AppLogging;
import com.example.signin.desktop.platform.EmbeddedBackend;
import com.example.signin.desktop.ui.DesktopApp;
import com.example.signin.fx.AppFolders;
import com.example.signin.fx.ConfigException;
import com.example.signin.fx.DesktopEnvironment;
import com.example.signin.fx.HandOff;
import com.example.signin.fx.LauncherCommand;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.MagicLinkSignIn;
import com.example.signin.fx.SchemeHandler;
import com.example.signin.fx.UiLanguage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this process the app: logging into the data folder, the configuration (or the embedded
 * local backend), then the sign-in library ({@link MagicLinkSignIn}: the single-instance socket,
 * the client, scheme registration on the first run) and the window. The JavaFX toolkit starts on
 * its own thread first, so it comes up while the rest is built; the scheme registration runs in
 * the background so the window does not wait for it, and the local backend starts once the first
 * window is shown ({@link RunningApp#windowShown()}).
 */
public final class AppStartup {

    /** The system property naming a configuration file that came with the installation (read last). */
    public static final String BUNDLED_CONFIG_PROPERTY = "signin.bundledConfig";

    /**
     * Set by the Linux and macOS installers, whose package registers the scheme: the app then
     * skips its first-run registration (which would shadow the package's with a per-user one
     * that outlives an uninstall). {@code --register-scheme} still works.
     */
    public static final String INSTALLER_REGISTERS_SCHEME_PROPERTY = "signin.schemeRegisteredByInstaller";

    private static final Logger LOG = LoggerFactory.getLogger(AppStartup.class);

    /** What the start-up came to: an exit code and a sentence, or a running app. */
    public record Outcome(int exitCode, String message, RunningApp app) {
        static Outcome exit(int code, String message) {
            return new Outcome(code, message, null);
        }
    }

    private AppStartup() {
    }

    /** Starts the app and shows the window until it closes; returns the process exit code. */
    static int run(LaunchArguments arguments, AppFolders folders) {
        List<String> appArgs = new ArrayList<>(List.of("--data-dir", folders.dataDir().toString()));
        arguments.config().ifPresent(c -> appArgs.addAll(List.of("--config", c.toAbsolutePath().toString())));
        DesktopEnvironment environment = new DesktopEnvironment(AppFolders.APP_NAME, folders, System.getenv(),
                Path.of(System.getProperty("user.home")), AppFolders.Os.current(),
                LauncherCommand.ofCurrentProcess(Main.class.getName(), appArgs));
        Outcome outcome = start(arguments, environment);
        if (outcome.app() == null) {
            if (!outcome.message().isEmpty()) {
                (outcome.exitCode() == 0 ? System.out : System.err).println(outcome.message());
            }
            return outcome.exitCode();
        }
        try (RunningApp app = outcome.app()) {
            DesktopApp.launch(app.signIn(), app.me(), app.language(), app.dataDir(), app::windowShown);
        } catch (RuntimeException e) {
            LOG.error("The app stopped on an unexpected error", e);
            // For a start from a terminal (no display, a broken graphics stack): the log has the details.
            System.err.println("The app stopped: " + e.getMessage() + " (details in " + AppLogging.file(folders.dataDir()) + ")");
            return 1;
        }
        LOG.info("The app exits");
        return 0;
    }

    /**
     * Everything up to the window: returns a running app (the caller shows the window and closes
     * it afterwards), or an exit code when this process is done (link handed over, scheme
     * (un)registered, a configuration that cannot be used).
     */
    public static Outcome start(LaunchArguments arguments, DesktopEnvironment environment) {
        Path dataDir = environment.folders().dataDir();
        try {
            environment.folders().createPrivateDataDir();
        } catch (IOException e) {
            return Outcome.exit(2, "The data folder " + dataDir + " cannot be created: " + e.getMessage());
        }
        Path log = AppLogging.configure(dataDir);
        LOG.info("Starting; data folder {}, log {}", dataDir, log);

        Optional<MagicLinkConfig> config;
        try {
            config = readConfig(arguments, environment.folders());
        } catch (ConfigException e) {
            LOG.error("Cannot start: {}", e.getMessage());
            return Outcome.exit(2, e.getMessage());
        }

        if (arguments.registerScheme() || arguments.unregisterScheme()) {
            String scheme = config.map(MagicLinkConfig::scheme).orElse(EmbeddedBackend.SCHEME);
            SchemeHandler registrar = new SchemeHandler(environment, scheme);
            try {
                if (arguments.registerScheme()) {
                    registrar.register();
                    return Outcome.exit(0, "This app now opens " + scheme + ":// links.");
                }
                registrar.unregister();
                return Outcome.exit(0, "This app no longer opens " + scheme + ":// links.");
            } catch (IOException e) {
                LOG.error("The scheme registration failed", e);
                return Outcome.exit(1, "The registration of " + scheme + ":// links failed: " + e.getMessage());
            }
        }

        if (config.isEmpty() && !localBackendBundled()) {
            LOG.error("No configuration, and this installation has no local backend");
            return Outcome.exit(2, "No backend configuration: put the file that `cdk deploy --outputs-file` writes at "
                    + environment.folders().configDir().resolve("config.json") + ", or start with --config FILE. "
                    + "(This installation was built without the local backend.)");
        }

        UiLanguage language = arguments.language().orElseGet(() -> UiLanguage.forLocale(Locale.getDefault()));
        LOG.info("Speaking {} ({})", language.tag(), arguments.language().isPresent() ? "--locale" : "the OS locale");
        CompletableFuture<MagicLinkConfig> ready = config.map(CompletableFuture::completedFuture)
                .orElseGet(CompletableFuture::new);
        MagicLinkSignIn.Builder builder = MagicLinkSignIn.builder()
                .environment(environment)
                .language(language)
                .arguments(arguments.link().map(link -> List.of("--", link)).orElse(List.of()))
                .browser(DesktopApp::showDocument)
                // The .deb's postinst (Linux) or the bundle's Info.plist (macOS) registered the scheme.
                .registerSchemeOnFirstRun(!Boolean.getBoolean(INSTALLER_REGISTERS_SCHEME_PROPERTY));
        if (config.isPresent()) {
            builder.config(config.get());
        } else {
            builder.localBackend(ready);
        }
        MagicLinkSignIn signIn;
        try {
            signIn = builder.build();
        } catch (MagicLinkSignIn.AlreadyRunningException e) {
            if (e.result() == HandOff.Result.REFUSED) {
                return Outcome.exit(2, HandOff.REFUSED_SENTENCE);
            }
            if (arguments.link().isPresent()) {
                LOG.info("Handed the link to the running instance");
                return Outcome.exit(0, "");
            }
            LOG.info("Another copy of the app already runs on this data folder; asked it for its window");
            return Outcome.exit(0, StartHandOff.alreadyRunning(dataDir));
        } catch (UncheckedIOException e) {
            LOG.error("The single-instance socket failed: {}", e.getMessage());
            return Outcome.exit(1, e.getMessage());
        }

        CompletableFuture<Void> windowShown = new CompletableFuture<>();
        EmbeddedBackend embedded = null;
        if (config.isPresent()) {
            LOG.info("Using the backend in region {} (user pool {})", config.get().region(), config.get().userPoolId());
        } else {
            LOG.info("No configuration: the embedded local backend starts once the window is shown");
            embedded = EmbeddedBackend.start(dataDir.resolve("local-backend"), windowShown);
            embedded.config().whenComplete((started, failure) -> {
                if (failure != null) {
                    ready.completeExceptionally(failure);
                } else {
                    ready.complete(started);
                }
            });
        }
        MeClient me = new MeClient(ready.thenApply(MagicLinkConfig::apiUrl));
        return new Outcome(0, "", new RunningApp(signIn, me, embedded, language, dataDir, windowShown));
    }

    /**
     * {@code --config}, else {@code config.json} in the config folder if it exists, else the
     * installation's bundled configuration ({@value #BUNDLED_CONFIG_PROPERTY}), else none (local mode).
     */
    static Optional<MagicLinkConfig> readConfig(LaunchArguments arguments, AppFolders folders) throws ConfigException {
        if (arguments.config().isPresent()) {
            return Optional.of(MagicLinkConfig.read(arguments.config().get()));
        }
        Path inConfigFolder = folders.configDir().resolve("config.json");
        if (Files.isRegularFile(inConfigFolder)) {
            LOG.info("Reading the configuration {}", inConfigFolder);
            return Optional.of(MagicLinkConfig.read(inConfigFolder));
        }
        // An installer built with a configuration passes -Dsignin.bundledConfig=$APPDIR/config.json
        String bundled = System.getProperty(BUNDLED_CONFIG_PROPERTY, "");
        if (!bundled.isBlank() && Files.isRegularFile(Path.of(bundled))) {
            LOG.info("Reading the configuration that came with the installation, {}", bundled);
            return Optional.of(MagicLinkConfig.read(Path.of(bundled)));
        }
        return Optional.empty();
    }

    /** Whether the embedded local backend is on the class path (an installer may leave it out). */
    static boolean localBackendBundled() {
        try {
            Class.forName("com.example.signin.local.LocalBackend", false, AppStartup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The app between start-up and exit: closes the sign-in (socket, clients) and the local backend. */
    public static final class RunningApp implements AutoCloseable {
        private final MagicLinkSignIn signIn;
        private final MeClient me;
        private final EmbeddedBackend embedded;
        private final UiLanguage language;
        private final Path dataDir;
        private final CompletableFuture<Void> windowShown;

        RunningApp(MagicLinkSignIn signIn, MeClient me, EmbeddedBackend embedded, UiLanguage language, Path dataDir,
                CompletableFuture<Void> windowShown) {
            this.windowShown = windowShown;
            this.signIn = signIn;
            this.me = me;
            this.embedded = embedded;
            this.language = language;
            this.dataDir = dataDir;
        }

        /** The sign-in library: its screens, the session, the hand-off. */
        public MagicLinkSignIn signIn() {
            return signIn;
        }

        /** The backend's {@code GET /me}, asked once signed in. */
        public MeClient me() {
            return me;
        }

        /** The language of the screens and the mail. */
        public UiLanguage language() {
            return language;
        }

        /** The data folder (logs, pending request, fallback token file). */
        public Path dataDir() {
            return dataDir;
        }

        /**
         * The host calls this once its first window is shown: the embedded local backend (local
         * mode) starts then, not beside the window. Later calls do nothing.
         */
        public void windowShown() {
            windowShown.complete(null);
        }

        @Override
        public void close() {
            signIn.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
