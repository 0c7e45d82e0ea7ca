package com.example.signin.desktop;

import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.ConfigException;
import com.example.signin.fx.AppFolders;
import com.example.signin.desktop.platform.AppLogging;
import com.example.signin.desktop.platform.EmbeddedBackend;
import com.example.signin.fx.LauncherCommand;
import com.example.signin.fx.internal.platform.PrivateFiles;
import com.example.signin.fx.internal.platform.SchemeRegistrar;
import com.example.signin.fx.internal.platform.SingleInstance;
import com.example.signin.desktop.ui.DesktopApp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this process the app: logging into the data folder, the single-instance socket, the
 * configuration (or the embedded local backend), the sign-in client, scheme registration, and
 * then the window. Everything the screens need is built before JavaFX starts; the local backend
 * and the scheme registration run in the background so the window does not wait for them.
 */
public final class AppStartup {

    /** How long a second cold start keeps handing its link to a first one that is still binding. */
    static final Duration HANDOFF_WAIT = Duration.ofSeconds(15);

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

    /** Where the start-up runs: the folders, the environment (for XDG variables), and the command the OS re-runs. */
    public record Environment(AppFolders folders, Map<String, String> variables, Path home, AppFolders.Os os,
            LauncherCommand launcher) {
        public Environment {
            Objects.requireNonNull(folders, "folders");
            variables = Map.copyOf(variables);
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(os, "os");
            Objects.requireNonNull(launcher, "launcher");
        }
    }

    private AppStartup() {
    }

    /** Starts the app and shows the window until it closes; returns the process exit code. */
    static int run(LaunchArguments arguments, AppFolders folders) {
        List<String> appArgs = new ArrayList<>(List.of("--data-dir", folders.dataDir().toString()));
        arguments.config().ifPresent(c -> appArgs.addAll(List.of("--config", c.toAbsolutePath().toString())));
        Environment environment = new Environment(folders, System.getenv(), Path.of(System.getProperty("user.home")),
                AppFolders.Os.current(), LauncherCommand.ofCurrentProcess(Main.class.getName(), appArgs));
        Outcome outcome = start(arguments, environment);
        if (outcome.app() == null) {
            if (!outcome.message().isEmpty()) {
                (outcome.exitCode() == 0 ? System.out : System.err).println(outcome.message());
            }
            return outcome.exitCode();
        }
        try (RunningApp app = outcome.app()) {
            if (environment.os() == AppFolders.Os.MACOS) {
                MacOpenUriHandler.install(app.context().links());
            }
            DesktopApp.launch(app.context(), app.language());
        } catch (RuntimeException e) {
            LOG.error("The app stopped on an unexpected error", e);
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
    public static Outcome start(LaunchArguments arguments, Environment environment) {
        Path dataDir = environment.folders().dataDir();
        try {
            PrivateFiles.createPrivateDirectory(dataDir);
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
            SchemeRegistrar registrar = registrar(environment, scheme);
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

        IncomingLinks links = new IncomingLinks();
        SingleInstance instance;
        try {
            SingleInstance.Claim claim = SingleInstance.claim(dataDir, arguments.link(), links::deliver, links::raiseWindow,
                    HANDOFF_WAIT);
            if (claim instanceof SingleInstance.Claim.HandedOff) {
                LOG.info("Handed the link to the running instance");
                return Outcome.exit(0, "");
            }
            if (claim instanceof SingleInstance.Claim.AlreadyRunning) {
                LOG.info("Another copy of the app already runs on this data folder; asked it for its window");
                return Outcome.exit(0, Main.alreadyRunning(dataDir));
            }
            if (claim instanceof SingleInstance.Claim.Refused) {
                return Outcome.exit(2, "The app refused this link: it is too long to be a sign-in link.");
            }
            instance = ((SingleInstance.Claim.Instance) claim).instance();
        } catch (IOException e) {
            LOG.error("The single-instance socket failed: {}", e.getMessage());
            return Outcome.exit(1, e.getMessage());
        }
        arguments.link().ifPresent(link -> {
            LOG.info("Started with a sign-in link");
            links.deliver(link);
        });

        EmbeddedBackend embedded = null;
        CompletableFuture<MagicLinkConfig> ready;
        BackendInfo backendInfo;
        if (config.isPresent()) {
            LOG.info("Using the backend in region {} (user pool {})", config.get().region(), config.get().userPoolId());
            ready = CompletableFuture.completedFuture(config.get());
            backendInfo = BackendInfo.aws();
        } else {
            LOG.info("No configuration: starting the embedded local backend");
            embedded = EmbeddedBackend.start(dataDir.resolve("local-backend"));
            ready = embedded.config();
            backendInfo = new BackendInfo(true, ready.thenApply(c -> c.mailboxUrl().map(URI::create)));
        }
        UiLanguage language = arguments.language().orElseGet(() -> UiLanguage.forLocale(Locale.getDefault()));
        LOG.info("Speaking {} ({})", language.tag(), arguments.language().isPresent() ? "--locale" : "the OS locale");
        CognitoSignInClient client = CognitoSignInClient.forDataDir(ready, dataDir, language.locale());
        ready.thenAcceptAsync(c -> {
            if (Boolean.getBoolean(INSTALLER_REGISTERS_SCHEME_PROPERTY)) {
                // The .deb's postinst (Linux) or the bundle's Info.plist (macOS) registered the scheme.
                return;
            }
            try {
                registrar(environment, c.scheme()).registerOnFirstRun();
            } catch (IOException | RuntimeException e) {
                LOG.warn("The {}:// registration failed ({}); paste links into the app instead", c.scheme(), e.toString());
            }
        });
        AppContext context = new AppContext(client, links, backendInfo, dataDir);
        return new Outcome(0, "", new RunningApp(context, instance, client, embedded, language));
    }

    private static SchemeRegistrar registrar(Environment environment, String scheme) {
        return new SchemeRegistrar(environment.os(), environment.variables(), environment.home(),
                environment.folders().dataDir(), scheme, environment.launcher(), SchemeRegistrar.CommandRunner.PROCESSES);
    }

    /**
     * {@code --config}, else {@code config.json} in the config folder if it exists, else the
     * installation's bundled configuration ({@value #BUNDLED_CONFIG_PROPERTY}), else none (local mode).
     */
    static Optional<MagicLinkConfig> readConfig(LaunchArguments arguments, AppFolders folders) throws ConfigException {
        ClientConfigReader reader = new ClientConfigReader();
        if (arguments.config().isPresent()) {
            return Optional.of(reader.read(arguments.config().get()));
        }
        Path inConfigFolder = folders.configDir().resolve("config.json");
        if (Files.isRegularFile(inConfigFolder)) {
            LOG.info("Reading the configuration {}", inConfigFolder);
            return Optional.of(reader.read(inConfigFolder));
        }
        // An installer built with a configuration passes -Dsignin.bundledConfig=$APPDIR/config.json
        String bundled = System.getProperty(BUNDLED_CONFIG_PROPERTY, "");
        if (!bundled.isBlank() && Files.isRegularFile(Path.of(bundled))) {
            LOG.info("Reading the configuration that came with the installation, {}", bundled);
            return Optional.of(reader.read(Path.of(bundled)));
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

    /** The app between start-up and exit: closes the socket, the clients and the local backend. */
    public static final class RunningApp implements AutoCloseable {
        private final AppContext context;
        private final SingleInstance instance;
        private final CognitoSignInClient client;
        private final EmbeddedBackend embedded;
        private final UiLanguage language;

        RunningApp(AppContext context, SingleInstance instance, CognitoSignInClient client, EmbeddedBackend embedded,
                UiLanguage language) {
            this.language = language;
            this.context = context;
            this.instance = instance;
            this.client = client;
            this.embedded = embedded;
        }

        public AppContext context() {
            return context;
        }

        /** The language of the screens and the mail. */
        public UiLanguage language() {
            return language;
        }

        @Override
        public void close() {
            instance.close();
            client.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
