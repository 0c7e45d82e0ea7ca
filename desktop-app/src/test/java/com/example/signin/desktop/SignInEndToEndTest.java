package com.example.signin.desktop;

import static com.example.signin.fx.internal.ui.SceneQueries.labelText;
import static com.example.signin.fx.internal.ui.SceneQueries.onFx;
import static com.example.signin.fx.internal.ui.SceneQueries.shown;
import static com.example.signin.fx.internal.ui.SceneQueries.visible;
import static com.example.signin.fx.internal.ui.SceneQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.client.CognitoSignInClient;
import com.example.signin.fx.internal.client.Mailbox;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.AppFolders;
import com.example.signin.fx.DesktopEnvironment;
import com.example.signin.fx.LauncherCommand;
import com.example.signin.desktop.api.MeClient;
import com.example.signin.fx.internal.platform.PendingSignIn;
import com.example.signin.fx.internal.platform.PendingSignInStore;
import com.example.signin.fx.internal.ui.Messages;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.Secrets;
import com.example.signin.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The whole product on one machine: the app on the embedded local backend (temporary data folder
 * and XDG folders), a link asked for through the window, read from the local mailbox, opened
 * with {@code xdg-open} (which runs the registered desktop entry, as a click does), first while
 * the app runs, then with the app closed so the handler process becomes the app.
 *
 * <p>The mail holds the page link {@code {linkBase}/open#secret}; in a browser its script forwards
 * to {@code com.example.signin://signin#secret} (the local backend tests that page in Chromium).
 * Here the test does that forwarding step itself and gives xdg-open the app link.
 */
@Timeout(600)
class SignInEndToEndTest {

    @TempDir
    Path root;

    private Path dataDir;
    private Map<String, String> variables;
    private final FxRobot robot = new FxRobot();
    private final Messages messages = Messages.load();
    private AppStartup.RunningApp app;
    private Process coldStart;

    @BeforeEach
    void requireXdgUtils() {
        Tools.require("xdg-open", "xdg-utils");
        Tools.require("xdg-mime", "xdg-utils");
        dataDir = root.resolve("data");
        variables = new HashMap<>();
        variables.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        variables.put("HOME", root.resolve("home").toString());
        variables.put("XDG_DATA_HOME", root.resolve("xdg-data").toString());
        variables.put("XDG_CONFIG_HOME", root.resolve("xdg-config").toString());
        // xdg-open only consults x-scheme-handler entries when it believes there is a display.
        variables.put("DISPLAY", ":99");
    }

    @AfterEach
    void stopEverything() throws Exception {
        // Keep the app's log for a person to read after the run (it holds no secret, see the end of the test).
        if (dataDir != null && Files.exists(dataDir.resolve("logs/app.log"))) {
            Files.copy(dataDir.resolve("logs/app.log"), Path.of("target", "e2e-app.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        FxToolkit.cleanupStages();
        if (app != null) {
            app.close();
        }
        if (coldStart != null) {
            // The xdg-open shell and the app it started (the launcher script execs java).
            coldStart.descendants().forEach(ProcessHandle::destroy);
            coldStart.destroy();
            for (ProcessHandle p : coldStart.descendants().toList()) {
                p.onExit().get(60, TimeUnit.SECONDS);
            }
            coldStart.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClickedLinkSignsInTheRunningAppThenAColdStartedOneAndForeignOrReplayedLinksAreRefused() throws Exception {
        // The app starts on the local backend and registers com.example.signin:// on its first run.
        AppStartup.Outcome outcome = AppStartup.start(LaunchArguments.parse("--data-dir", dataDir.toString()),
                new DesktopEnvironment(AppFolders.APP_NAME, new AppFolders(dataDir, root.resolve("config")), variables, root.resolve("home"),
                        AppFolders.Os.LINUX, LauncherCommand.ofCurrentProcess(Main.class.getName(),
                                List.of("--data-dir", dataDir.toString()))));
        assertThat(outcome.message()).isEmpty();
        app = outcome.app();
        showWindow(app);
        waitUntil(() -> visible("#localBadge"));

        // 1. A link asked for in the window, opened while the app runs.
        String alice = "alice@example.com";
        askForLink(alice);
        MagicLinkConfig config = new ClientConfigReader().read(dataDir.resolve("local-backend/endpoints.json"));
        Mailbox mailbox = new Mailbox(config.mailboxUrl().orElseThrow());
        String aliceLink = appLink(config, mailbox.awaitNewLink(alice, Optional.empty()));
        waitUntil(() -> Files.exists(dataDir.resolve("scheme-registration"))
                && Files.readString(dataDir.resolve("scheme-registration")).contains("registered"));
        assertThat(xdgOpenAndWait(aliceLink)).isZero();
        waitUntil(() -> labelText("#signedInAsLabel").contains(alice));
        assertThat(log()).contains("A link arrived from another process").contains("Signed in as " + alice);
        // What a signed-in person gets: the app's API call with the access token, answered by the local GET /me.
        String accessToken = app.signIn().accessToken().orElseThrow();
        assertThat(app.me().me(accessToken).get(60, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(MeClient.Answer.Me.class, me -> {
                    assertThat(me.email()).isEqualTo(alice);
                    assertThat(me.sub()).isNotBlank();
                });

        // 2. The same link again: refused on screen, still signed in.
        assertThat(xdgOpenAndWait(aliceLink)).isZero();
        waitUntil(() -> labelText("#bannerLabel").equals(messages.get("problem.LINK_NOT_REQUESTED_HERE")));
        assertThat(labelText("#signedInAsLabel")).contains(alice);

        // 3. A link asked for by another installation (another data folder) while this one waited for its own.
        String bob = "bob@example.com";
        Path otherDataDir = Files.createDirectories(root.resolve("other-data"));
        try (CognitoSignInClient other = CognitoSignInClient.forDataDir(
                java.util.concurrent.CompletableFuture.completedFuture(config), otherDataDir)) {
            other.requestLink(bob);
        }
        String bobsLink = appLink(config, mailbox.awaitNewLink(bob, Optional.empty()));
        // This installation had asked for bob earlier; the other one's request replaced it (as after the cooldown).
        new PendingSignInStore(dataDir).save(new PendingSignIn(bob, Secrets.generate(new SecureRandom()), Instant.now(),
                Instant.now().plusSeconds(600), Instant.now()));
        assertThat(xdgOpenAndWait(bobsLink)).isZero();
        waitUntil(() -> labelText("#bannerLabel").equals(messages.get("problem.LINK_FOREIGN_DEVICE")));
        assertThat(labelText("#signedInAsLabel")).contains(alice);

        // 4. Sign out, ask for a link, close the app, then open the link: the handler becomes the app.
        robot.clickOn(shown("#signOutButton"));
        waitUntil(() -> visible("#emailField"));
        String carol = "carol@example.com";
        askForLink(carol);
        String carolsLink = appLink(config, mailbox.awaitNewLink(carol, Optional.empty()));
        FxToolkit.cleanupStages();
        app.close();
        app = null;
        assertThat(dataDir.resolve("run/instance.sock")).doesNotExist();

        coldStart = xdgOpen(carolsLink);
        waitUntil(() -> log().contains("Signed in as " + carol));
        assertThat(log()).contains("Started with a sign-in link");
        assertThat(coldStart.isAlive()).as("xdg-open waits for the app it started, which keeps running").isTrue();

        // The log tells the story without a secret: no link secret, no verifier, no token.
        String log = log();
        for (String link : List.of(aliceLink, bobsLink, carolsLink)) {
            assertThat(log).doesNotContain(link.substring(link.indexOf('#') + 1));
        }
        Path refreshFile = dataDir.resolve("refresh-token");
        if (Files.exists(refreshFile)) {
            assertThat(log).doesNotContain(Files.readString(refreshFile).strip());
        }
        assertThat(log).doesNotContain("eyJ"); // the start of every JWT
    }

    /** The window as the app shows it: the library's screens in a host's scene, then the local backend starts. */
    static void showWindow(AppStartup.RunningApp app) throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            stage.setScene(new Scene(new BorderPane(app.signIn().view()), 560, 640));
            stage.show();
        });
        app.windowShown();
    }

    private void askForLink(String email) throws Exception {
        waitUntil(() -> visible("#emailField"));
        // The field may hold the last address (after signing out): select it all and type over it.
        robot.clickOn(shown("#emailField")).push(KeyCode.CONTROL, KeyCode.A).write(email).type(KeyCode.ENTER);
        waitUntil(() -> visible("#sentToLabel"));
        assertThat(labelText("#sentToLabel")).contains(email);
    }

    private static String appLink(MagicLinkConfig config, String pageLink) {
        MagicLinkFormat format = new MagicLinkFormat(config.scheme(), config.linkBase());
        return format.appLink(format.parseSecret(pageLink));
    }

    private Process xdgOpen(String link) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("xdg-open", link).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("xdg-open.txt").toFile()));
        builder.environment().clear();
        builder.environment().putAll(variables);
        return builder.start();
    }

    private int xdgOpenAndWait(String link) throws Exception {
        Process process = xdgOpen(link);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("xdg-open returns once the link is handed over").isTrue();
        return process.exitValue();
    }

    private String log() {
        try {
            return Files.readString(dataDir.resolve("logs/app.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
