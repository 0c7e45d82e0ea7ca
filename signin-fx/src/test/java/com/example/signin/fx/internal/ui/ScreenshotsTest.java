package com.example.signin.fx.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.ui.BackendInfo;
import com.example.signin.fx.UiLanguage;
import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders every screen over a fake client, light and dark, and writes PNGs (JavaFX snapshots
 * of the scene) to {@code target/screenshots/} for people to look at; the test checks that each
 * shot shows a real screen (many colours: text and controls drawn, not an empty window).
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {

    static final Path FOLDER = Path.of("target", "screenshots");

    private Stage stage;
    private TestWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setWidth(620);
        stage.setHeight(700);
    }

    @AfterEach
    void stop() {
        if (window != null) {
            window.executor.close();
        }
        TestWindow.setTheme(false);
    }

    private static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("the window did not reach the state to photograph", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Shows a fresh window (local mode, mailbox known), lets {@code setUp} change the fake, starts it. */
    private void open(FxRobot robot, boolean dark, Consumer<TestWindow> setUp) {
        open(robot, UiLanguage.ENGLISH, dark, setUp);
    }

    private void open(FxRobot robot, UiLanguage language, boolean dark, Consumer<TestWindow> setUp) {
        if (window != null) {
            window.executor.close();
        }
        window = new TestWindow(language);
        setUp.accept(window);
        robot.interact(() -> window.show(stage, new BackendInfo(true,
                CompletableFuture.completedFuture(Optional.of(URI.create("http://127.0.0.1:40123/mailbox")))), dark));
        robot.interact(window.viewModel::start);
        waitUntil(() -> window.viewModel.screenProperty().get() != Screen.PROGRESS);
    }

    private void requestLink(FxRobot robot) {
        robot.interact(() -> {
            window.viewModel.signIn().emailProperty().set("alice@example.com");
            window.viewModel.signIn().submit();
        });
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.INBOX);
    }

    private void shoot(FxRobot robot, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = stage.getScene().snapshot(null));
        BufferedImage png = toBufferedImage(image[0]);
        Files.createDirectories(FOLDER);
        Path file = FOLDER.resolve(name + ".png");
        ImageIO.write(png, "png", file.toFile());
        assertThat(distinctColours(png)).as(name).isGreaterThan(20);
    }

    private static BufferedImage toBufferedImage(WritableImage image) {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        return out;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /**
     * Every screen of issue 14 in both languages, light and dark: {@code <lang>-<theme>-NN-name.png}.
     * German texts are longer: these shots show they still fit.
     */
    @ParameterizedTest(name = "{0} dark={1}")
    @CsvSource({"ENGLISH, false", "ENGLISH, true", "GERMAN, false", "GERMAN, true"})
    void everyScreenInBothLanguagesLightAndDark(UiLanguage language, boolean dark, FxRobot robot) throws IOException {
        String prefix = language.tag() + "-" + (dark ? "dark" : "light") + "-";
        open(robot, language, dark, w -> { });
        robot.interact(() -> window.viewModel.signIn().emailProperty().set("alice@example"));
        shoot(robot, prefix + "1-sign-in-invalid-address");

        requestLink(robot);
        window.clock.advance(Duration.ofSeconds(61));
        robot.interact(() -> {
            window.viewModel.inbox().tick();
            window.viewModel.inbox().typedCodeProperty().set("K7QP-M2XE");
            window.viewModel.inbox().useCode();
        });
        waitUntil(() -> !window.viewModel.inbox().codeProblemProperty().get().isEmpty());
        shoot(robot, prefix + "2-inbox-late-mail-and-wrong-code");

        window.client.refusal = Problem.LINK_EXPIRED;
        window.links.deliver("com.example.signin://signin#expired");
        waitUntil(() -> !window.viewModel.bannerProperty().get().isEmpty());
        shoot(robot, prefix + "3-inbox-link-expired");

        robot.interact(() -> {
            window.viewModel.dismissBanner();
            window.viewModel.inbox().typedCodeProperty().set("k7qp-m2xd");
            window.viewModel.inbox().useCode();
        });
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGNED_IN);
        shoot(robot, prefix + "4-signed-in-by-code");

        window.client.nextFailure = new SignInException(Problem.OFFLINE, "offline");
        robot.interact(window.viewModel::computerWokeUp);
        waitUntil(() -> !window.viewModel.signedIn().renewalNoticeProperty().get().isEmpty());
        shoot(robot, prefix + "5-signed-in-renewal-failed");

        window.client.nextFailure = new SignInException(Problem.SESSION_REVOKED, "revoked");
        robot.interact(window.viewModel::computerWokeUp);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGN_IN);
        shoot(robot, prefix + "6-session-revoked");
    }

    @Test
    void restoringTheSession(FxRobot robot) throws IOException {
        window = new TestWindow();
        robot.interact(() -> window.show(stage, BackendInfo.aws(), false));
        shoot(robot, "01-restoring");
    }

    @Test
    void signInScreens(FxRobot robot) throws IOException {
        open(robot, false, w -> { });
        shoot(robot, "02-sign-in");

        robot.interact(() -> window.viewModel.signIn().emailProperty().set("alice@example"));
        shoot(robot, "03-sign-in-invalid-address");

        CountDownLatch gate = new CountDownLatch(1);
        window.client.gate = gate;
        robot.interact(() -> {
            window.viewModel.signIn().emailProperty().set("alice@example.com");
            window.viewModel.signIn().submit();
        });
        waitUntil(() -> window.viewModel.signIn().busyProperty().get());
        shoot(robot, "04-sign-in-sending");
        gate.countDown();
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.INBOX);

        open(robot, false, w -> { });
        window.client.nextFailure = new SignInException(Problem.OFFLINE, "offline");
        robot.interact(() -> {
            window.viewModel.signIn().emailProperty().set("alice@example.com");
            window.viewModel.signIn().submit();
        });
        waitUntil(() -> !window.viewModel.signIn().problemProperty().get().isEmpty());
        shoot(robot, "05-sign-in-offline");
    }

    @Test
    void inboxScreens(FxRobot robot) throws IOException {
        open(robot, false, w -> { });
        requestLink(robot);
        window.clock.advance(Duration.ofSeconds(18));
        robot.interact(window.viewModel.inbox()::tick);
        shoot(robot, "06-inbox-countdown");

        window.client.refusal = Problem.LINK_EXPIRED;
        window.links.deliver("com.example.signin://signin#expired");
        waitUntil(() -> !window.viewModel.bannerProperty().get().isEmpty());
        shoot(robot, "07-inbox-link-expired");
    }

    @Test
    void signedInScreens(FxRobot robot) throws IOException {
        open(robot, false, w -> { });
        requestLink(robot);
        window.links.deliver(FakeSignInClient.GOOD_LINK);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGNED_IN);
        shoot(robot, "08-signed-in");

        open(robot, false, w -> w.client.stored = Optional.of(new Session("alice@example.com",
                w.clock.instant().plus(Duration.ofHours(1)), Session.TokenStorage.FILE)));
        shoot(robot, "09-signed-in-token-in-file");

        window.client.refusal = Problem.LINK_USED;
        window.links.deliver("com.example.signin://signin#replayed");
        waitUntil(() -> !window.viewModel.bannerProperty().get().isEmpty());
        shoot(robot, "10-signed-in-replayed-link");
    }

    @Test
    void darkTheme(FxRobot robot) throws IOException {
        open(robot, true, w -> { });
        robot.interact(() -> window.viewModel.signIn().emailProperty().set("alice@"));
        shoot(robot, "11-dark-sign-in");
        requestLink(robot);
        shoot(robot, "12-dark-inbox");
        window.links.deliver(FakeSignInClient.GOOD_LINK);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGNED_IN);
        shoot(robot, "13-dark-signed-in");
    }
}
