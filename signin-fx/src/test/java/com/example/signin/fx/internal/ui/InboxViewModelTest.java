package com.example.signin.fx.internal.ui;

import com.example.signin.testsupport.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.client.LinkRequest;
import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class InboxViewModelTest {

    private final Messages messages = Messages.load();
    private final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    private final FakeSignInClient client = new FakeSignInClient(clock);
    private final List<String> differentAddress = new ArrayList<>();
    private final List<String> links = new ArrayList<>();
    private final List<Session> signedIn = new ArrayList<>();
    private final InboxViewModel viewModel = new InboxViewModel(client, new SameThreadTaskExecutor(), messages, clock,
            new InboxViewModel.Navigation() {
                @Override
                public void useDifferentAddress(String previousAddress) {
                    differentAddress.add(previousAddress);
                }

                @Override
                public void completeWithLink(String link) {
                    links.add(link);
                }

                @Override
                public void signedIn(Session session) {
                    signedIn.add(session);
                }
            });

    @BeforeEach
    void linkWasRequested() throws SignInException {
        viewModel.show(client.requestLink("alice@example.com"));
        client.calls.clear();
    }

    @Test
    void theScreenNamesTheAddressAndWhenTheLinkExpires() {
        assertThat(viewModel.emailProperty().get()).isEqualTo("alice@example.com");
        assertThat(viewModel.sentToProperty().get()).contains("alice@example.com");
        assertThat(viewModel.expiryProperty().get()).isNotBlank();
    }

    @Test
    void resendCountsDownTheCooldownAndThenBecomesAvailable() {
        assertThat(viewModel.secondsUntilResendProperty().get()).isEqualTo(60);
        assertThat(viewModel.resendTextProperty().get()).isEqualTo(messages.get("inbox.resendIn", "1:00 min"));
        assertThat(viewModel.canResendBinding().get()).isFalse();

        clock.advance(Duration.ofMillis(59_500));
        viewModel.tick();
        assertThat(viewModel.secondsUntilResendProperty().get()).isEqualTo(1);
        assertThat(viewModel.resendTextProperty().get()).isEqualTo(messages.get("inbox.resendIn", "1 s"));

        clock.advance(Duration.ofMillis(500));
        viewModel.tick();
        assertThat(viewModel.secondsUntilResendProperty().get()).isZero();
        assertThat(viewModel.resendTextProperty().get()).isEqualTo(messages.get("inbox.resend"));
        assertThat(viewModel.canResendBinding().get()).isTrue();
    }

    @Test
    void onceTheLinkHasExpiredTheScreenSaysSo() {
        clock.advance(FakeSignInClient.LINK_LIFETIME);

        viewModel.tick();

        assertThat(viewModel.expiryProperty().get()).isEqualTo(messages.get("inbox.expired"));
        assertThat(viewModel.canResendBinding().get()).isTrue();
    }

    @Test
    void theExpiryAndTheCountdownAreTheOnesTheApiAnswered() {
        Instant now = clock.instant();

        viewModel.show(new LinkRequest("alice@example.com", now, now.plusSeconds(300), now.plusSeconds(20)));

        assertThat(viewModel.secondsUntilResendProperty().get()).isEqualTo(20);
        clock.advance(Duration.ofSeconds(299));
        viewModel.tick();
        assertThat(viewModel.expiryProperty().get()).isNotEqualTo(messages.get("inbox.expired"));
        clock.advance(Duration.ofSeconds(1));
        viewModel.tick();
        assertThat(viewModel.expiryProperty().get()).isEqualTo(messages.get("inbox.expired"));
    }

    @Test
    void afterAMinuteWithoutALinkTheScreenSuggestsSpamOrANewLink() {
        assertThat(viewModel.lateMailHintProperty().get()).isEmpty();

        clock.advance(Duration.ofSeconds(59));
        viewModel.tick();
        assertThat(viewModel.lateMailHintProperty().get()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        viewModel.tick();
        assertThat(viewModel.lateMailHintProperty().get()).isEqualTo(messages.get("inbox.noMail"));
    }

    @Test
    void aNewLinkStartsTheMinuteAgain() {
        clock.advance(Duration.ofSeconds(61));
        viewModel.tick();

        viewModel.resend();

        assertThat(viewModel.lateMailHintProperty().get()).isEmpty();
    }

    @Test
    void resendDuringTheCooldownSendsNothingAndSaysHowLongToWait() {
        clock.advance(Duration.ofSeconds(15));

        viewModel.resend();

        assertThat(client.calls).isEmpty();
        assertThat(viewModel.problemProperty().get()).isEqualTo(messages.get("problem.RATE_LIMITED.retryAfter", "45 s"));
    }

    @Test
    void resendAfterTheCooldownAsksAgainAndRestartsTheCountdown() {
        clock.advance(Duration.ofSeconds(61));

        viewModel.resend();

        assertThat(client.calls).containsExactly("requestLink alice@example.com");
        assertThat(viewModel.noticeProperty().get()).isEqualTo(messages.get("inbox.resent"));
        assertThat(viewModel.secondsUntilResendProperty().get()).isEqualTo(60);
    }

    @Test
    void aRateLimitOnResendCountsDownTheApisRetryAfter() {
        clock.advance(Duration.ofSeconds(61));
        client.nextFailure = new SignInException(Problem.RATE_LIMITED, "429", Duration.ofSeconds(30), null);

        viewModel.resend();

        assertThat(viewModel.secondsUntilResendProperty().get()).isEqualTo(30);
        assertThat(viewModel.problemProperty().get()).isEqualTo(messages.get("problem.RATE_LIMITED.retryAfter", "30 s"));
        assertThat(viewModel.canResendBinding().get()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"OFFLINE", "UNREACHABLE", "SERVICE_UNAVAILABLE", "UNEXPECTED"})
    void aFailedResendShowsItsSentenceAndKeepsTheRequest(Problem problem) {
        clock.advance(Duration.ofSeconds(61));
        client.nextFailure = new SignInException(problem, "detail");

        viewModel.resend();

        assertThat(viewModel.problemProperty().get()).isEqualTo(messages.get("problem." + problem.name()));
        assertThat(viewModel.emailProperty().get()).isEqualTo("alice@example.com");
        assertThat(viewModel.canResendBinding().get()).isTrue();
    }

    @Test
    void useADifferentAddressForgetsThePendingRequest() {
        viewModel.useDifferentAddress();

        assertThat(client.calls).containsExactly("forgetPendingRequest");
        assertThat(client.pendingRequest()).isEmpty();
        assertThat(differentAddress).containsExactly("alice@example.com");
    }

    @Test
    void aPastedLinkIsTrimmedAndHandedOnAndTheFieldEmptied() {
        viewModel.pastedLinkProperty().set("  " + FakeSignInClient.GOOD_LINK + "\n");
        assertThat(viewModel.canPasteBinding().get()).isTrue();

        viewModel.usePastedLink();

        assertThat(links).containsExactly(FakeSignInClient.GOOD_LINK);
        assertThat(viewModel.pastedLinkProperty().get()).isEmpty();
    }

    @Test
    void aBlankPasteDoesNothing() {
        viewModel.pastedLinkProperty().set("   ");

        viewModel.usePastedLink();

        assertThat(viewModel.canPasteBinding().get()).isFalse();
        assertThat(links).isEmpty();
    }

    @Test
    void showingANewRequestResetsTheScreen() {
        viewModel.pastedLinkProperty().set("half a link");
        Instant now = clock.instant();

        viewModel.show(new LinkRequest("bob@example.com", now, now.plusSeconds(900), now.plusSeconds(10)));

        assertThat(viewModel.emailProperty().get()).isEqualTo("bob@example.com");
        assertThat(viewModel.pastedLinkProperty().get()).isEmpty();
        assertThat(viewModel.secondsUntilResendProperty().get()).isEqualTo(10);
    }

    // ---- the one-time code ----

    @ParameterizedTest
    @ValueSource(strings = {"K7QP-M2XD", "k7qpm2xd", " k7qp m2xd ", "K7QP - M2XD"})
    void theCodeFromTheMailSignsInHoweverItIsTyped(String typed) {
        viewModel.typedCodeProperty().set(typed);
        assertThat(viewModel.canUseCodeBinding().get()).isTrue();

        viewModel.useCode();

        assertThat(client.calls).containsExactly("completeSignInWithCode K7QPM2XD");
        assertThat(signedIn).singleElement().satisfies(s -> assertThat(s.email()).isEqualTo("alice@example.com"));
        assertThat(viewModel.codeProblemProperty().get()).isEmpty();
        assertThat(viewModel.typedCodeProperty().get()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"K7QP-M2X", "K7QP-M2XD9", "K7QP-M2X0", "K7QP-M2XI", "K7QP_M2XD", "https://example.com/open#x"})
    void aMalformedCodeIsExplainedWithoutAskingTheServer(String typed) {
        viewModel.typedCodeProperty().set(typed);

        viewModel.useCode();

        assertThat(client.calls).isEmpty();
        assertThat(viewModel.codeProblemProperty().get()).isEqualTo(messages.get("problem.CODE_MALFORMED"));
        assertThat(viewModel.typedCodeProperty().get()).isEqualTo(typed);
        assertThat(viewModel.codeSpentProperty().get()).isFalse();
    }

    @Test
    void aBlankCodeCannotBeSent() {
        viewModel.typedCodeProperty().set("  ");

        viewModel.useCode();

        assertThat(viewModel.canUseCodeBinding().get()).isFalse();
        assertThat(client.calls).isEmpty();
    }

    @Test
    void aWrongCodeMayBeCorrectedButTheFifthClosesTheRequestAndAsksForANewLink() {
        for (int i = 1; i <= 4; i++) {
            viewModel.typedCodeProperty().set("AAAA-AAAA");
            viewModel.useCode();
            assertThat(viewModel.codeProblemProperty().get()).as("try %d", i).isEqualTo(messages.get("problem.CODE_WRONG"));
            assertThat(viewModel.canUseCodeBinding().get()).isTrue();
        }

        viewModel.useCode();

        assertThat(viewModel.codeProblemProperty().get()).isEqualTo(messages.get("problem.CODE_TOO_MANY_TRIES"));
        assertThat(viewModel.codeSpentProperty().get()).isTrue();
        assertThat(viewModel.canUseCodeBinding().get()).isFalse();
        assertThat(signedIn).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"CODE_EXPIRED", "CODE_USED", "CODE_FOREIGN_DEVICE", "CODE_TOO_MANY_TRIES"})
    void aCodeTheServerWillNeverTakeAgainSaysWhyAndClosesTheField(Problem refusal) {
        client.codeRefusal = refusal;
        viewModel.typedCodeProperty().set("AAAA-AAAA");

        viewModel.useCode();

        assertThat(viewModel.codeProblemProperty().get()).isEqualTo(messages.get("problem." + refusal.name()));
        assertThat(viewModel.codeSpentProperty().get()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"OFFLINE", "UNREACHABLE", "SERVICE_UNAVAILABLE"})
    void aCodeThatCouldNotBeCheckedMayBeSentAgain(Problem problem) {
        client.nextFailure = new SignInException(problem, "detail");
        viewModel.typedCodeProperty().set("K7QP-M2XD");

        viewModel.useCode();

        assertThat(viewModel.codeProblemProperty().get()).isEqualTo(messages.get("problem." + problem.name()));
        assertThat(viewModel.canUseCodeBinding().get()).isTrue();
        viewModel.useCode();
        assertThat(signedIn).hasSize(1);
    }

    @Test
    void aNewLinkReopensTheCodeField() {
        client.codeRefusal = Problem.CODE_EXPIRED;
        viewModel.typedCodeProperty().set("AAAA-AAAA");
        viewModel.useCode();
        clock.advance(Duration.ofSeconds(61));

        viewModel.resend();

        assertThat(viewModel.codeSpentProperty().get()).isFalse();
        assertThat(viewModel.codeProblemProperty().get()).isEmpty();
        assertThat(viewModel.typedCodeProperty().get()).isEmpty();
    }
}
