package com.example.signin.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.AppFolders;
import com.example.signin.fx.DesktopEnvironment;
import com.example.signin.fx.internal.platform.ChildJvm;
import com.example.signin.fx.LauncherCommand;
import com.example.signin.fx.internal.ui.Messages;
import com.example.signin.protocol.Secrets;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web page the owner opens pushes three made-up {@code com.example.signin://signin#...} links
 * at the running app (each one through the OS, i.e. a second process that hands it over on the
 * single-instance socket). The app has asked for no link, so it must send nothing anywhere: the
 * backend it is configured for records every request it gets, and it gets none.
 */
@Timeout(300)
class UnaskedLinksTest {

    @TempDir
    Path root;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer backend;
    private AppStartup.RunningApp app;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (backend != null) {
            backend.stop(0);
        }
        try {
            FxToolkit.cleanupStages();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void threeLinksPushedAtTheRunningAppWithNothingPendingSendNothingAndTheAppSaysSo() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        backend.start();
        String base = "http://127.0.0.1:" + backend.getAddress().getPort();
        Path dataDir = root.resolve("data");
        Path config = Files.writeString(root.resolve("config.json"), """
                {"region": "eu-west-1", "userPoolId": "eu-west-1_Test1", "clientId": "client1",
                 "apiUrl": "%1$s/api", "linkBase": "%1$s", "issuer": "%1$s/issuer", "scheme": "com.example.signin",
                 "cognitoEndpoint": "%1$s"}
                """.formatted(base));
        Map<String, String> variables = Map.of("HOME", root.resolve("home").toString(),
                "XDG_DATA_HOME", root.resolve("xdg-data").toString(), "XDG_CONFIG_HOME", root.resolve("xdg-config").toString(),
                "PATH", "/nonexistent");
        AppStartup.Outcome outcome = AppStartup.start(
                LaunchArguments.parse("--data-dir", dataDir.toString(), "--config", config.toString()),
                new DesktopEnvironment(AppFolders.APP_NAME, new AppFolders(dataDir, root.resolve("config")), variables, root.resolve("home"),
                        AppFolders.Os.LINUX, LauncherCommand.ofCurrentProcess(Main.class.getName(), List.of())));
        assertThat(outcome.message()).isEmpty();
        app = outcome.app();
        Messages messages = Messages.load();
        SignInEndToEndTest.showWindow(app);

        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 3; i++) {
            String bogus = "com.example.signin://signin#" + Secrets.generate(random);
            Process pushed = ChildJvm.start(ChildJvm.command(List.of(), Main.class,
                    List.of("--data-dir", dataDir.toString(), bogus)), Map.of(), root.resolve("push-" + i + ".txt"));
            assertThat(pushed.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(pushed.exitValue()).as(Files.readString(root.resolve("push-" + i + ".txt"))).isZero();
        }

        Path log = dataDir.resolve("logs/app.log");
        waitUntil(() -> Files.readString(log).split("no sign-in request is pending in this app; nothing was sent", -1).length == 4);
        waitUntil(() -> messages.get("problem.LINK_NOT_REQUESTED_HERE").equals(banner()));
        // The one read the app makes on its own once its window shows: the sign-in warm-up fetches the pool's public keys.
        waitUntil(() -> requests.contains("GET /issuer/.well-known/jwks.json"));
        assertThat(requests).as("requests the app sent to its backend")
                .allMatch(request -> request.equals("GET /issuer/.well-known/jwks.json"));
        assertThat(Files.readString(log)).contains("A link arrived from another process");
    }

    /** The banner's sentence, read on the JavaFX thread. */
    private String banner() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#bannerLabel").tryQuery().filter(n -> n.isVisible())
                .map(n -> ((Label) n).getText()).orElse("")).get(60, TimeUnit.SECONDS);
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (condition.call()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the condition did not hold within 2 minutes");
    }
}
