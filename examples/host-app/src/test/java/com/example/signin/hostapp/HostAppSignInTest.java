package com.example.signin.hostapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.client.Mailbox;
import com.example.signin.fx.internal.platform.ChildJvm;
import com.example.signin.local.LocalBackend;
import com.example.signin.local.LocalBackendOptions;
import com.example.signin.protocol.MagicLinkFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The example host signs in end to end on the embedded local backend, as a person would: the
 * address typed into the library's screen, the link read from the local mailbox, then handed to
 * the running host by a second start of the host's {@code main} with the link (what the
 * registered scheme handler runs when the link is clicked). A second start without a link only
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
    void aLinkFromTheMailHandedToTheRunningHostBySecondStartSignsIn() throws Exception {
        String alice = "alice@example.com";
        robot.clickOn(shown("#emailField")).write(alice).type(KeyCode.ENTER);
        waitUntil(() -> labelText("#sentToLabel").contains(alice));

        MagicLinkConfig config = MagicLinkConfig.read(Path.of(System.getProperty("host.config")));
        String pageLink = new Mailbox(config.mailboxUrl().orElseThrow()).awaitNewLink(alice, Optional.empty());
        MagicLinkFormat format = new MagicLinkFormat(config.scheme(), config.linkBase());
        String appLink = format.appLink(format.parseSecret(pageLink));

        Path handOff = root.resolve("second-start-with-link.txt");
        Process second = ChildJvm.start(ChildJvm.command(List.of("-verbose:class"), Main.class, List.of("--", appLink)),
                Map.of(), handOff);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(handOff)).isZero();
        assertThat(Files.readAllLines(handOff)).filteredOn(l -> l.contains("[class,load]"))
                .as("the hand-off starts no JavaFX").noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx."));

        waitUntil(() -> labelText("#signedInAsLabel").contains(alice));
        waitUntil(() -> onFx(stage::getTitle).equals("Host app: " + alice));

        Path raise = root.resolve("second-start-without-link.txt");
        Process third = ChildJvm.start(ChildJvm.command(List.of(), Main.class, List.of()), Map.of(), raise);
        assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(third.exitValue()).as("the running host took the request for its window").isZero();
        assertThat(labelText("#signedInAsLabel")).contains(alice);
    }

    private boolean visible(String query) throws Exception {
        return onFx(() -> robot.lookup(query).tryQuery().filter(n -> n.getScene() != null).map(Node::isVisible).orElse(false));
    }

    private String labelText(String query) throws Exception {
        return onFx(() -> robot.lookup(query).tryQuery().filter(n -> n.getScene() != null && n.isVisible())
                .map(n -> ((Label) n).getText()).orElse(""));
    }

    private Node shown(String query) throws Exception {
        waitUntil(() -> visible(query));
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> robot.lookup(query).query());
    }

    private static <T> T onFx(Callable<T> query) throws Exception {
        return WaitForAsyncUtils.asyncFx(query).get(60, TimeUnit.SECONDS);
    }

    /** Bounded wait; the machine is shared, so no speed is asserted. */
    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, condition);
    }
}
