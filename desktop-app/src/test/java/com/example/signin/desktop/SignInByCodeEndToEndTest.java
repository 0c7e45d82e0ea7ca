package com.example.signin.desktop;

import static com.example.signin.fx.internal.ui.SceneQueries.labelText;
import static com.example.signin.fx.internal.ui.SceneQueries.onFx;
import static com.example.signin.fx.internal.ui.SceneQueries.shown;
import static com.example.signin.fx.internal.ui.SceneQueries.visible;
import static com.example.signin.fx.internal.ui.SceneQueries.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.client.Mailbox;
import com.example.signin.fx.MagicLinkConfig;
import com.example.signin.fx.internal.config.ClientConfigReader;
import com.example.signin.fx.AppFolders;
import com.example.signin.fx.DesktopEnvironment;
import com.example.signin.fx.LauncherCommand;
import com.example.signin.fx.internal.ui.Messages;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.OneTimeCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The mail was read on a phone (issue 14): the app on the embedded local backend asks for a link,
 * the person reads the one-time code from the mail (here: the local mailbox) and types it into
 * the window, lower-case and without the dash, and is signed in.
 */
@Timeout(600)
class SignInByCodeEndToEndTest {

    @TempDir
    Path root;

    private final FxRobot robot = new FxRobot();
    private final Messages messages = Messages.load();
    private AppStartup.RunningApp app;

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theCodeFromTheMailboxTypedIntoTheWindowSignsIn() throws Exception {
        Path dataDir = root.resolve("data");
        // The scheme registration is not under test: it writes into the temporary XDG folders only.
        Map<String, String> variables = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
                "HOME", root.resolve("home").toString(), "XDG_DATA_HOME", root.resolve("xdg-data").toString(),
                "XDG_CONFIG_HOME", root.resolve("xdg-config").toString());
        AppStartup.Outcome outcome = AppStartup.start(LaunchArguments.parse("--data-dir", dataDir.toString()),
                new DesktopEnvironment(AppFolders.APP_NAME, new AppFolders(dataDir, root.resolve("config")), variables, root.resolve("home"),
                        AppFolders.Os.LINUX, LauncherCommand.ofCurrentProcess(Main.class.getName(),
                                List.of("--data-dir", dataDir.toString()))));
        app = outcome.app();
        SignInEndToEndTest.showWindow(app);

        String alice = "alice@example.com";
        waitUntil(() -> visible("#emailField"));
        robot.clickOn(shown("#emailField")).write(alice).type(KeyCode.ENTER);
        waitUntil(() -> visible("#codeField"));

        MagicLinkConfig config = new ClientConfigReader().read(dataDir.resolve("local-backend/endpoints.json"));
        Mailbox mailbox = new Mailbox(config.mailboxUrl().orElseThrow());
        String pageLink = mailbox.awaitNewLink(alice, Optional.empty());
        String printed = mailbox.latestCode(alice).orElseThrow(() -> new AssertionError("the mail has no code"));
        // The code is the one derived from the link's secret, so the link page can show the same.
        String secret = new MagicLinkFormat(config.scheme(), config.linkBase()).parseSecret(pageLink);
        assertThat(printed).isEqualTo(OneTimeCode.grouped(OneTimeCode.derive(secret)));

        robot.clickOn(shown("#codeField")).write(printed.replace("-", "").toLowerCase(java.util.Locale.ROOT))
                .type(KeyCode.ENTER);

        waitUntil(() -> labelText("#signedInAsLabel").contains(alice));
        String log = Files.readString(dataDir.resolve("logs/app.log"));
        assertThat(log).contains("Signed in as " + alice + " with a code").doesNotContain(OneTimeCode.derive(secret));
    }
}
