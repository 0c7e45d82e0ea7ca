package com.example.signin.hostapp;

import static com.example.signin.fx.internal.ui.SceneQueries.labelText;
import static com.example.signin.fx.internal.ui.SceneQueries.onFx;
import static com.example.signin.fx.internal.ui.SceneQueries.shown;
import static com.example.signin.fx.internal.ui.SceneQueries.visible;
import static com.example.signin.fx.internal.ui.SceneQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.AppFolders;
import com.example.signin.fx.DesktopEnvironment;
import com.example.signin.fx.LauncherCommand;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.SchemeHandler;
import com.example.signin.fx.internal.client.Mailbox;
import com.example.signin.fx.internal.platform.ChildJvm;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The example host signs in end to end on the embedded local backend, as a person would: the
 * address typed into the library's screen, the link read from the local mailbox, then opened
 * with {@code xdg-open}, which runs the host's registered scheme handler (a second start of the
 * host's {@code main} with the link) as a click does. A second start without a link only
 * brings the running window forward.
 */
@Timeout(300)
class HostAppSignInTest {

    @TempDir
    Path root;

    private final FxRobot robot = new FxRobot();
    private LocalBackend backend;
    private Stage stage;
    private Application host;

    @BeforeEach
    void startBackendAndHost() throws Exception {
        // The host's data folder is under target/ (the surefire XDG_DATA_HOME): start each run as a first run.
        String xdgData = System.getenv("XDG_DATA_HOME");
        if (xdgData == null || !xdgData.contains("target")) {
            throw new IllegalStateException("Run this test through Maven, whose surefire points XDG_DATA_HOME into target/");
        }
        Path data = Path.of(xdgData, HostApp.NAME);
        if (Files.exists(data)) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        backend = LocalBackend.start(LocalBackendOptions.builder().dataDir(root.resolve("backend")).port(0).build());
        System.setProperty("host.config", root.resolve("backend").resolve(LocalBackend.ENDPOINTS_FILE).toString());
        stage = FxToolkit.registerPrimaryStage();
        host = FxToolkit.setupApplication(HostApp.class);
    }

    @AfterEach
    void stop() throws Exception {
        if (host != null) {
            FxToolkit.cleanupApplication(host);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("host.config");
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aLinkFromTheMailOpenedWithXdgOpenReachesTheRunningHostAndSignsIn() throws Exception {
        String alice = "alice@example.com";
        robot.clickOn(shown("#emailField")).write(alice).type(KeyCode.ENTER);
        waitUntil(() -> labelText("#sentToLabel").contains(alice));

        MagicLinkConfig config = MagicLinkConfig.read(Path.of(System.getProperty("host.config")));
        String pageLink = new Mailbox(config.mailboxUrl().orElseThrow()).awaitNewLink(alice, Optional.empty());
        MagicLinkFormat format = new MagicLinkFormat(config.scheme(), config.linkBase());
        String appLink = format.appLink(format.parseSecret(pageLink));

        // The click: the host's scheme registered as a first run registers it (a desktop entry under
        // this run's XDG folders running the host's Main), then xdg-open on the app link, which runs
        // that entry in the foreground and waits for the hand-off to end.
        Map<String, String> desktop = new HashMap<>(System.getenv());
        // xdg-open only consults x-scheme-handler entries when it believes there is a display.
        desktop.put("DISPLAY", ":99");
        LauncherCommand launcher = new LauncherCommand(ChildJvm.javaBinary(),
                List.of("-verbose:class", "-cp", System.getProperty("java.class.path")), Main.class.getName(), List.of());
        new SchemeHandler(new DesktopEnvironment(HostApp.NAME, AppFolders.forCurrentUser(HostApp.NAME, Optional.empty()),
                desktop, Path.of(System.getProperty("user.home")), AppFolders.Os.LINUX, launcher), config.scheme()).register();
        Path handOff = root.resolve("xdg-open-with-link.txt");
        ProcessBuilder click = new ProcessBuilder(Tools.require("xdg-open", "xdg-utils").toString(), appLink)
                .redirectErrorStream(true).redirectOutput(handOff.toFile());
        click.environment().clear();
        click.environment().putAll(desktop);
        Process second = click.start();
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("xdg-open returns once the link is handed over").isTrue();
        assertThat(second.exitValue()).as(Files.readString(handOff)).isZero();
        // The host runs, so the registered script writes the link into its pipe: no JVM (the launcher's
        // -verbose:class would print its classes) and so no JavaFX either.
        assertThat(Files.readAllLines(handOff)).as("the hand-off started no JVM")
                .noneMatch(l -> l.contains("[class,load]"));

        waitUntil(() -> labelText("#signedInAsLabel").contains(alice));
        waitUntil(() -> onFx(stage::getTitle).equals("Host app: " + alice));

        Path raise = root.resolve("second-start-without-link.txt");
        Process third = ChildJvm.start(ChildJvm.command(List.of(), Main.class, List.of()), Map.of(), raise);
        assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(third.exitValue()).as("the running host took the request for its window").isZero();
        assertThat(labelText("#signedInAsLabel")).contains(alice);
    }
}
