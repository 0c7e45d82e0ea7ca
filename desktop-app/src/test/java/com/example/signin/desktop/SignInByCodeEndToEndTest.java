package com.example.signin.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.desktop.auth.Mailbox;
import com.example.signin.desktop.config.ClientConfig;
import com.example.signin.desktop.config.ClientConfigReader;
import com.example.signin.desktop.platform.AppFolders;
import com.example.signin.desktop.platform.LauncherCommand;
import com.example.signin.desktop.ui.FxTaskExecutor;
import com.example.signin.desktop.ui.MainWindowView;
import com.example.signin.desktop.ui.MainWindowViewModel;
import com.example.signin.desktop.ui.Messages;
import com.example.signin.protocol.MagicLinkFormat;
import com.example.signin.protocol.OneTimeCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

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
                new AppStartup.Environment(new AppFolders(dataDir, root.resolve("config")), variables, root.resolve("home"),
                        AppFolders.Os.LINUX, LauncherCommand.ofCurrentProcess(Main.class.getName(),
                                List.of("--data-dir", dataDir.toString()))));
        app = outcome.app();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            MainWindowViewModel viewModel = new MainWindowViewModel(app.context(), new FxTaskExecutor(), messages,
                    Clock.systemDefaultZone(), url -> { });
            stage.setScene(new Scene(MainWindowView.load(viewModel, messages), 560, 640));
            stage.show();
            viewModel.start();
        });

        String alice = "alice@example.com";
        waitUntil(() -> visible("#emailField"));
        robot.clickOn(shown("#emailField")).write(alice).type(KeyCode.ENTER);
        waitUntil(() -> visible("#codeField"));

        ClientConfig config = new ClientConfigReader().read(dataDir.resolve("local-backend/endpoints.json"));
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
