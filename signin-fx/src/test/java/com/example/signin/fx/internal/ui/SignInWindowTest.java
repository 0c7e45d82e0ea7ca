package com.example.signin.fx.internal.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.ui.BackendInfo;
import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Labeled;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window on Monocle's headless screen: typing, clicking and reading what each screen shows. */
@ExtendWith(ApplicationExtension.class)
class SignInWindowTest {

    private final TestWindow window = new TestWindow();
    private final CompletableFuture<Optional<URI>> mailbox = new CompletableFuture<>();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window.show(stage, new BackendInfo(true, mailbox), false);
    }

    @AfterEach
    void stop() {
        window.executor.close();
    }

    private void startApp(FxRobot robot) {
        robot.interact(window.viewModel::start);
        waitUntil(() -> window.viewModel.screenProperty().get() != Screen.PROGRESS);
    }

    private static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the window did not reach the expected state", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Labeled.class).getText();
    }

    private static boolean shown(FxRobot robot, String id) {
        // Visible only if it and every parent are: a label in a hidden banner is not seen.
        for (Node node = robot.lookup(id).query(); node != null; node = node.getParent()) {
            if (!node.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void requestLink(FxRobot robot) {
        robot.clickOn("#emailField").write("alice@example.com").type(KeyCode.ENTER);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.INBOX);
    }

    @Test
    void theEmailFieldHasTheFocusAndExplainsAnAddressAsItIsTyped(FxRobot robot) {
        startApp(robot);
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#emailField").query());

        robot.write("alice");

        assertThat(text(robot, "#emailError")).isEqualTo(window.messages.invalidEmail(com.example.signin.protocol.InvalidEmailException.Reason.MISSING_AT));
        assertThat(robot.lookup("#sendButton").queryButton().isDisabled()).isTrue();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.client.calls).containsExactly("restoreSession");
    }

    @Test
    void whileTheSessionIsRestoredTheKeyboardDoesNotReachTheMailboxLink(FxRobot robot) {
        CountDownLatch gate = new CountDownLatch(1);
        window.client.gate = gate;
        robot.interact(window.viewModel::start);
        mailbox.complete(Optional.of(URI.create("http://127.0.0.1:40123/mailbox")));
        waitUntil(() -> !window.viewModel.mailboxUrlProperty().get().isEmpty());

        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#progressIndicator").query());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.opened).isEmpty();
        gate.countDown();
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGN_IN);
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#emailField").query());
    }

    @Test
    void whileTheLinkIsRequestedTheButtonIsDisabledAndProgressShows(FxRobot robot) {
        startApp(robot);
        CountDownLatch gate = new CountDownLatch(1);
        window.client.gate = gate;

        robot.write("alice@example.com").type(KeyCode.ENTER);
        waitUntil(() -> window.viewModel.signIn().busyProperty().get());

        assertThat(robot.lookup("#sendButton").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#busyIndicator").queryAs(ProgressIndicator.class).isVisible()).isTrue();
        gate.countDown();
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.INBOX);
        assertThat(text(robot, "#sentToLabel")).contains("alice@example.com");
    }

    @Test
    void theInboxShowsTheResendCountdownAndAPastedLinkSignsIn(FxRobot robot) {
        startApp(robot);
        requestLink(robot);

        Button resend = robot.lookup("#resendButton").queryButton();
        assertThat(resend.getText()).isEqualTo(window.messages.get("inbox.resendIn", "1:00 min"));
        assertThat(resend.isDisabled()).isTrue();

        robot.clickOn("#pasteField").write(FakeSignInClient.GOOD_LINK).type(KeyCode.ENTER);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGNED_IN);

        assertThat(text(robot, "#signedInAsLabel")).isEqualTo(window.messages.get("signedIn.as", "alice@example.com"));
        assertThat(shown(robot, "#storageNoticeLabel")).isFalse();
    }

    @Test
    void aWrongCodeIsExplainedUnderTheFieldAndTheRightOneSignsIn(FxRobot robot) {
        startApp(robot);
        requestLink(robot);

        robot.clickOn("#codeField").write("K7QP-M2XE").type(KeyCode.ENTER);
        waitUntil(() -> !window.viewModel.inbox().codeProblemProperty().get().isEmpty());
        assertThat(text(robot, "#codeProblemLabel")).isEqualTo(window.messages.get("problem.CODE_WRONG"));
        assertThat(window.viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);

        robot.interact(() -> window.viewModel.inbox().typedCodeProperty().set(""));
        robot.clickOn("#codeField").write("k7qp m2xd");
        robot.clickOn("#codeButton");
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGNED_IN);
        assertThat(window.client.calls).contains("completeSignInWithCode K7QPM2XE", "completeSignInWithCode K7QPM2XD");
    }

    @Test
    void theResendButtonWakesUpWhenTheCooldownIsOver(FxRobot robot) {
        startApp(robot);
        requestLink(robot);

        window.clock.advance(Duration.ofSeconds(61));
        robot.interact(window.viewModel.inbox()::tick);

        Button resend = robot.lookup("#resendButton").queryButton();
        assertThat(resend.isDisabled()).isFalse();
        robot.clickOn(resend);
        waitUntil(() -> !window.viewModel.inbox().noticeProperty().get().isEmpty());
        assertThat(text(robot, "#noticeLabel")).isEqualTo(window.messages.get("inbox.resent"));
        assertThat(window.client.calls).containsExactly("restoreSession", "requestLink alice@example.com", "requestLink alice@example.com");
    }

    @Test
    void aLinkFromOutsideSignsInAndAFileStoredTokenIsAnnounced(FxRobot robot) {
        window.client.storage = Session.TokenStorage.FILE;
        startApp(robot);
        requestLink(robot);

        robot.interact(() -> stage.setIconified(true));

        window.links.deliver(FakeSignInClient.GOOD_LINK);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGNED_IN);

        assertThat(window.viewModel.attentionRequestsProperty().get()).isEqualTo(1);
        assertThat(stage.isIconified()).isFalse();
        assertThat(shown(robot, "#storageNoticeLabel")).isTrue();
        assertThat(text(robot, "#storageNoticeLabel")).contains("magic-link-signin");
    }

    @Test
    void aRefusedLinkShowsASentenceAndANewLinkButtonAndEscapeDismissesIt(FxRobot robot) {
        startApp(robot);
        requestLink(robot);
        window.client.refusal = Problem.LINK_FOREIGN_DEVICE;

        window.links.deliver("com.example.signin://signin#from-another-computer");
        waitUntil(() -> !window.viewModel.bannerProperty().get().isEmpty());

        assertThat(text(robot, "#bannerLabel")).isEqualTo(window.messages.get("problem.LINK_FOREIGN_DEVICE"));
        assertThat(shown(robot, "#newLinkButton")).isTrue();
        assertThat(window.viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#newLinkButton").query());

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot, "#banner")).isFalse();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#codeField").query());
    }

    @Test
    void sendANewLinkOnTheBannerAsksForOne(FxRobot robot) {
        startApp(robot);
        requestLink(robot);
        window.client.refusal = Problem.LINK_EXPIRED;
        window.links.deliver("com.example.signin://signin#old");
        waitUntil(() -> !window.viewModel.bannerProperty().get().isEmpty());
        window.clock.advance(Duration.ofSeconds(61));

        robot.clickOn("#newLinkButton");
        waitUntil(() -> !window.viewModel.inbox().noticeProperty().get().isEmpty());

        assertThat(window.client.calls).endsWith("requestLink alice@example.com");
        assertThat(window.viewModel.bannerProperty().get()).isEmpty();
    }

    @Test
    void anOfflineComputerGetsASentenceNotAStackTrace(FxRobot robot) {
        startApp(robot);
        window.client.nextFailure = new SignInException(Problem.OFFLINE, "java.net.UnknownHostException: api.example.com");

        robot.write("alice@example.com").type(KeyCode.ENTER);
        waitUntil(() -> !window.viewModel.signIn().problemProperty().get().isEmpty());

        assertThat(text(robot, "#problemLabel")).isEqualTo(window.messages.get("problem.OFFLINE"));
        assertThat(window.viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
    }

    @Test
    void keyboardAloneGoesFromSignInToSignedInAndOut(FxRobot robot) {
        startApp(robot);
        robot.write("alice@example.com").type(KeyCode.ENTER);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.INBOX);
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#codeField").query());

        robot.write("k7qp-m2xd").type(KeyCode.ENTER);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGNED_IN);
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#signOutButton").query());

        robot.type(KeyCode.TAB);
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#signOutEverywhereButton").query());
        robot.type(KeyCode.SPACE);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGN_IN);

        assertThat(window.client.calls).contains("signOut everywhere");
        assertThat(text(robot, "#noticeLabel")).isEqualTo(window.messages.get("signIn.signedOut"));
        assertThat(robot.lookup("#emailField").queryAs(TextField.class).getText()).isEqualTo("alice@example.com");
    }

    @Test
    void mnemonicsReachTheButtons(FxRobot robot) {
        startApp(robot);
        robot.write("alice@example.com");
        robot.press(KeyCode.ALT).type(KeyCode.S).release(KeyCode.ALT);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.INBOX);

        robot.press(KeyCode.ALT).type(KeyCode.D).release(KeyCode.ALT);
        waitUntil(() -> window.viewModel.screenProperty().get() == Screen.SIGN_IN);

        robot.press(KeyCode.ALT).type(KeyCode.E).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.getScene().getFocusOwner()).isSameAs(robot.lookup("#emailField").query());
    }

    @Test
    void localModeShowsTheBadgeAndTheMailboxLinkOpensTheBrowser(FxRobot robot) {
        startApp(robot);
        assertThat(shown(robot, "#localBadge")).isTrue();
        Hyperlink link = robot.lookup("#mailboxLink").queryAs(Hyperlink.class);
        assertThat(link.isDisabled()).isTrue();

        mailbox.complete(Optional.of(URI.create("http://127.0.0.1:40123/mailbox")));
        waitUntil(() -> !link.isDisabled());
        robot.clickOn(link);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.opened).containsExactly("http://127.0.0.1:40123/mailbox");
    }
}
