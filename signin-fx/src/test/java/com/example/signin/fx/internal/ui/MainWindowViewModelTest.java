package com.example.signin.fx.internal.ui;

import com.example.signin.testsupport.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.ui.AppContext;
import com.example.signin.fx.internal.ui.BackendInfo;
import com.example.signin.fx.internal.platform.IncomingLinks;
import com.example.signin.fx.internal.client.LinkRequest;
import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MainWindowViewModelTest {

    private final Messages messages = Messages.load();
    private final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    private final FakeSignInClient client = new FakeSignInClient(clock);
    private final IncomingLinks links = new IncomingLinks();
    private final List<String> opened = new ArrayList<>();

    private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
    /** The monotonic clock stands still unless a test moves it: wall-clock jumps look like sleep. */
    private long monotonicNanos;

    private MainWindowViewModel viewModel(BackendInfo backend) {
        AppContext context = new AppContext(client, links, backend, Path.of("/tmp/signin-test"));
        return new MainWindowViewModel(context, executor, messages, clock, opened::add,
                new SessionRenewal.Signals(() -> monotonicNanos, () -> java.util.Set.of("eth0 192.0.2.1")));
    }

    private MainWindowViewModel started() {
        MainWindowViewModel viewModel = viewModel(BackendInfo.aws());
        viewModel.start();
        return viewModel;
    }

    private MainWindowViewModel waitingForALink() {
        MainWindowViewModel viewModel = started();
        viewModel.signIn().emailProperty().set("alice@example.com");
        viewModel.signIn().submit();
        return viewModel;
    }

    @Test
    void beforeTheSessionIsRestoredTheWindowShowsProgress() {
        MainWindowViewModel viewModel = viewModel(BackendInfo.aws());

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.PROGRESS);
        assertThat(viewModel.progressTextProperty().get()).isEqualTo(messages.get("progress.restoring"));
    }

    @Test
    void withNothingStoredTheAppStartsOnTheSignInScreen() {
        MainWindowViewModel viewModel = started();

        assertThat(client.calls).containsExactly("restoreSession");
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
    }

    @Test
    void theSignInPathIsWarmedOnceBothTheWindowAndTheSignInScreenShowAndNotWhenASessionWasRestored() {
        MainWindowViewModel viewModel = viewModel(BackendInfo.aws());
        client.currentScreen = () -> viewModel.screenProperty().get();
        viewModel.start();
        assertThat(client.warmUps).as("not while the window is still coming up").isEmpty();

        viewModel.windowShown();
        viewModel.windowShown();

        assertThat(client.warmUps).containsExactly(Screen.SIGN_IN);

        client.warmUps.clear();
        client.stored = Optional.of(new Session("alice@example.com", clock.instant().plusSeconds(3600), Session.TokenStorage.KEYCHAIN));
        MainWindowViewModel restored = viewModel(BackendInfo.aws());
        restored.windowShown();
        restored.start();
        assertThat(client.warmUps).as("a restored session already built the connections").isEmpty();
    }

    @Test
    void aFailingWarmUpChangesNothingThePersonSeesAndTheLinkRequestStillWorks() {
        client.warmUpWork = () -> {
            throw new IllegalStateException("the keys could not be fetched");
        };
        MainWindowViewModel viewModel = started();
        viewModel.windowShown();
        assertThat(client.warmUps).hasSize(1);

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
        assertThat(viewModel.signIn().problemProperty().get()).isEmpty();
        viewModel.signIn().emailProperty().set("alice@example.com");
        viewModel.signIn().submit();
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);
    }

    @Test
    void aStoredSessionIsRestoredToTheSignedInScreen() {
        client.stored = Optional.of(new Session("alice@example.com", clock.instant().plusSeconds(3600), Session.TokenStorage.KEYCHAIN));

        MainWindowViewModel viewModel = started();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
        assertThat(viewModel.signedIn().emailProperty().get()).isEqualTo("alice@example.com");
    }

    @Test
    void whileSignedInTheValidUntilLineFollowsEachRenewal() {
        client.stored = Optional.of(new Session("alice@example.com", clock.instant().plusSeconds(3600), Session.TokenStorage.KEYCHAIN));
        MainWindowViewModel viewModel = started();
        String before = viewModel.signedIn().expiryProperty().get();

        clock.advance(Duration.ofMinutes(56));
        monotonicNanos += Duration.ofMinutes(56).toNanos();
        executor.timers.fire();

        assertThat(client.calls).containsExactly("restoreSession", "renewSession");
        assertThat(viewModel.signedIn().expiryProperty().get()).isNotEqualTo(before).contains("11:56");
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
    }

    @Test
    void aRevokedRefreshTokenLeadsToTheSignInScreenWithItsSentence() {
        client.stored = Optional.of(new Session("alice@example.com", clock.instant().plusSeconds(3600), Session.TokenStorage.KEYCHAIN));
        MainWindowViewModel viewModel = started();
        client.nextFailure = new SignInException(Problem.SESSION_REVOKED, "Refresh Token has been revoked");

        viewModel.computerWokeUp();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
        assertThat(viewModel.signIn().noticeProperty().get()).isEqualTo(messages.get("problem.SESSION_REVOKED"));
        assertThat(viewModel.signIn().emailProperty().get()).isEqualTo("alice@example.com");
        assertThat(executor.timers.waiting()).isEmpty();
    }

    @Test
    void aRenewalThatCannotGetThroughKeepsTheSessionAndSaysSo() {
        client.stored = Optional.of(new Session("alice@example.com", clock.instant().plusSeconds(3600), Session.TokenStorage.KEYCHAIN));
        MainWindowViewModel viewModel = started();
        client.nextFailure = new SignInException(Problem.OFFLINE, "offline");

        viewModel.computerWokeUp();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
        assertThat(viewModel.signedIn().renewalNoticeProperty().get())
                .isEqualTo(messages.get("signedIn.renewalFailed", messages.get("problem.OFFLINE")));
        viewModel.computerWokeUp();
        assertThat(viewModel.signedIn().renewalNoticeProperty().get()).isEmpty();
    }

    @Test
    void signingOutStopsTheRenewal() {
        client.stored = Optional.of(new Session("alice@example.com", clock.instant().plusSeconds(3600), Session.TokenStorage.KEYCHAIN));
        MainWindowViewModel viewModel = started();

        viewModel.signedIn().signOut();

        assertThat(executor.timers.waiting()).isEmpty();
    }

    @Test
    void aPendingRequestReopensTheInbox() {
        Instant now = clock.instant();
        client.pending = Optional.of(new LinkRequest("alice@example.com", now, now.plusSeconds(900), now.plusSeconds(60)));

        MainWindowViewModel viewModel = started();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);
        assertThat(viewModel.inbox().emailProperty().get()).isEqualTo("alice@example.com");
    }

    @Test
    void anExpiredPendingRequestShowsTheSignInScreenWithTheAddressFilledIn() {
        Instant then = clock.instant().minus(Duration.ofHours(1));
        client.pending = Optional.of(new LinkRequest("alice@example.com", then, then.plusSeconds(900), then.plusSeconds(60)));

        MainWindowViewModel viewModel = started();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
        assertThat(viewModel.signIn().emailProperty().get()).isEqualTo("alice@example.com");
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"SESSION_EXPIRED", "OFFLINE", "UNREACHABLE", "UNEXPECTED"})
    void aSessionThatCannotBeRestoredLeadsToSignInWithTheReason(Problem problem) {
        client.nextFailure = new SignInException(problem, "detail");

        MainWindowViewModel viewModel = started();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
        assertThat(viewModel.signIn().problemProperty().get()).isEqualTo(messages.get("problem." + problem.name()));
    }

    @Test
    void requestingALinkShowsTheInbox() {
        MainWindowViewModel viewModel = waitingForALink();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);
        assertThat(viewModel.inbox().emailProperty().get()).isEqualTo("alice@example.com");
    }

    @Test
    void aLinkThatArrivesSignsInAndBringsTheWindowToTheFront() {
        MainWindowViewModel viewModel = waitingForALink();

        links.deliver(FakeSignInClient.GOOD_LINK);

        assertThat(viewModel.attentionRequestsProperty().get()).isEqualTo(1);
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
        assertThat(viewModel.signedIn().emailProperty().get()).isEqualTo("alice@example.com");
        assertThat(viewModel.bannerProperty().get()).isEmpty();
    }

    @Test
    void whileTheLinkIsCheckedTheWindowShowsProgress() {
        client.pending = Optional.of(new LinkRequest("alice@example.com", clock.instant(), clock.instant().plusSeconds(900),
                clock.instant().plusSeconds(60)));
        QueuedTaskExecutor executor = new QueuedTaskExecutor();
        MainWindowViewModel viewModel = new MainWindowViewModel(
                new AppContext(client, links, BackendInfo.aws(), Path.of("/tmp")), executor, messages, clock, opened::add);
        viewModel.start();
        executor.runAll();

        links.deliver(FakeSignInClient.GOOD_LINK);

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.PROGRESS);
        assertThat(viewModel.progressTextProperty().get()).isEqualTo(messages.get("progress.signingIn"));
        executor.runAll();
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
    }

    @Test
    void aLinkThatArrivedBeforeTheWindowWasReadyIsNotLost() {
        client.pending = Optional.of(new LinkRequest("alice@example.com", clock.instant(), clock.instant().plusSeconds(900),
                clock.instant().plusSeconds(60)));
        links.deliver(FakeSignInClient.GOOD_LINK);

        MainWindowViewModel viewModel = started();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
    }

    @Test
    void aTypedCodeSignsInLikeALink() {
        MainWindowViewModel viewModel = waitingForALink();

        viewModel.inbox().typedCodeProperty().set("k7qp-m2xd");
        viewModel.inbox().useCode();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
        assertThat(viewModel.signedIn().emailProperty().get()).isEqualTo("alice@example.com");
        assertThat(client.pendingRequest()).isEmpty();
    }

    @Test
    void aPastedLinkSignsInLikeAClickedOne() {
        MainWindowViewModel viewModel = waitingForALink();

        viewModel.inbox().pastedLinkProperty().set(FakeSignInClient.GOOD_LINK);
        viewModel.inbox().usePastedLink();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"LINK_EXPIRED", "LINK_USED", "LINK_INVALID", "LINK_FOREIGN_DEVICE",
            "LINK_NOT_REQUESTED_HERE", "LINK_MALFORMED"})
    void aRefusedLinkSaysWhatHappenedOffersANewLinkAndChangesNothingElse(Problem refusal) {
        MainWindowViewModel viewModel = waitingForALink();
        client.refusal = refusal;

        links.deliver("com.example.signin://signin#not-this-one");

        assertThat(viewModel.bannerProperty().get()).isEqualTo(messages.get("problem." + refusal.name()));
        assertThat(viewModel.bannerOffersNewLinkProperty().get()).isTrue();
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);
        assertThat(client.pendingRequest()).isPresent();
    }

    @Test
    void aRefusedLinkLeavesASignedInSessionSignedIn() {
        client.stored = Optional.of(new Session("alice@example.com", clock.instant().plusSeconds(3600), Session.TokenStorage.KEYCHAIN));
        MainWindowViewModel viewModel = started();

        links.deliver("com.example.signin://signin#replayed");

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGNED_IN);
        assertThat(viewModel.signedIn().emailProperty().get()).isEqualTo("alice@example.com");
        assertThat(viewModel.bannerProperty().get()).isEqualTo(messages.get("problem.LINK_NOT_REQUESTED_HERE"));
        assertThat(client.answeredLinks).isEmpty();
        assertThat(client.calls).doesNotContain("signOut", "signOut everywhere");
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"OFFLINE", "UNREACHABLE", "SERVICE_UNAVAILABLE", "UNEXPECTED"})
    void aLinkThatCannotBeCheckedForNowSaysWhyWithoutOfferingANewLink(Problem problem) {
        MainWindowViewModel viewModel = waitingForALink();
        client.nextFailure = new SignInException(problem, "detail");

        links.deliver(FakeSignInClient.GOOD_LINK);

        assertThat(viewModel.bannerProperty().get()).isEqualTo(messages.get("problem." + problem.name()));
        assertThat(viewModel.bannerOffersNewLinkProperty().get()).isFalse();
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);
    }

    @Test
    void sendANewLinkFromTheBannerAsksAgainForTheWaitingAddress() {
        MainWindowViewModel viewModel = waitingForALink();
        client.refusal = Problem.LINK_EXPIRED;
        links.deliver("com.example.signin://signin#old");
        clock.advance(Duration.ofSeconds(61));
        client.calls.clear();

        viewModel.sendNewLink();

        assertThat(client.calls).containsExactly("requestLink alice@example.com");
        assertThat(viewModel.bannerProperty().get()).isEmpty();
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.INBOX);
    }

    @Test
    void linksPushedAtTheAppWithNothingPendingAreAnsweredNowhereAndTheAppSaysSo() {
        MainWindowViewModel viewModel = started();

        for (int i = 0; i < 3; i++) {
            links.deliver("com.example.signin://signin#bogus" + i);
        }

        assertThat(client.answeredLinks).isEmpty();
        assertThat(viewModel.bannerProperty().get()).isEqualTo(messages.get("problem.LINK_NOT_REQUESTED_HERE"));
        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
    }

    @Test
    void aLinkNotRequestedHereOffersTheSignInScreen() {
        MainWindowViewModel viewModel = started();
        client.calls.clear();

        links.deliver(FakeSignInClient.GOOD_LINK);
        assertThat(viewModel.bannerProperty().get()).isEqualTo(messages.get("problem.LINK_NOT_REQUESTED_HERE"));
        viewModel.sendNewLink();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
        assertThat(viewModel.signIn().emailErrorProperty().get()).isEqualTo(messages.invalidEmail(com.example.signin.protocol.InvalidEmailException.Reason.EMPTY));
        assertThat(client.calls).containsExactly("completeSignIn");
    }

    @Test
    void signingOutReturnsToTheSignInScreenWithTheAddress() {
        MainWindowViewModel viewModel = waitingForALink();
        links.deliver(FakeSignInClient.GOOD_LINK);

        viewModel.signedIn().signOut();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
        assertThat(viewModel.signIn().emailProperty().get()).isEqualTo("alice@example.com");
        assertThat(viewModel.signIn().noticeProperty().get()).isEqualTo(messages.get("signIn.signedOut"));
    }

    @Test
    void useADifferentAddressGoesBackToTheSignInScreen() {
        MainWindowViewModel viewModel = waitingForALink();

        viewModel.inbox().useDifferentAddress();

        assertThat(viewModel.screenProperty().get()).isEqualTo(Screen.SIGN_IN);
        assertThat(client.pendingRequest()).isEmpty();
    }

    @Test
    void localModeShowsTheBadgeAndOpensTheMailboxOnceItsAddressIsKnown() {
        CompletableFuture<Optional<URI>> mailbox = new CompletableFuture<>();
        MainWindowViewModel viewModel = viewModel(new BackendInfo(true, mailbox));
        viewModel.start();

        assertThat(viewModel.localModeProperty().get()).isTrue();
        viewModel.openMailbox();
        assertThat(opened).isEmpty();

        mailbox.complete(Optional.of(URI.create("http://127.0.0.1:40123/mailbox")));
        viewModel.openMailbox();

        assertThat(viewModel.mailboxUrlProperty().get()).isEqualTo("http://127.0.0.1:40123/mailbox");
        assertThat(opened).containsExactly("http://127.0.0.1:40123/mailbox");
    }

    @Test
    void onAwsThereIsNoBadge() {
        MainWindowViewModel viewModel = started();

        assertThat(viewModel.localModeProperty().get()).isFalse();
        assertThat(viewModel.mailboxUrlProperty().get()).isEmpty();
    }
}
