package com.example.signin.fx.internal.ui;

import com.example.signin.testsupport.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignedInViewModelTest {

    private final Messages messages = Messages.load();
    private final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    private final FakeSignInClient client = new FakeSignInClient(clock);
    private final List<String> signedOut = new ArrayList<>();
    private final Path dataDir = Path.of("/home/alice/.local/share/magic-link-signin");
    private final SignedInViewModel viewModel = new SignedInViewModel(client, new SameThreadTaskExecutor(), messages, clock,
            dataDir, signedOut::add);

    private Session session(Session.TokenStorage storage) {
        return new Session("alice@example.com", Instant.parse("2026-11-24T11:00:00Z"), storage);
    }

    @Test
    void inGermanTheScreenWritesTheDateTheGermanWay() {
        Messages german = Messages.load(com.example.signin.fx.UiLanguage.GERMAN);
        SignedInViewModel inGerman = new SignedInViewModel(client, new SameThreadTaskExecutor(), german, clock, dataDir,
                signedOut::add);

        inGerman.show(session(Session.TokenStorage.KEYCHAIN));

        assertThat(inGerman.expiryProperty().get()).startsWith("Diese Anmeldung gilt bis 24.11.2026, 11:00");
        assertThat(english(viewModel)).contains("Nov 24, 2026");
    }

    private String english(SignedInViewModel model) {
        model.show(session(Session.TokenStorage.KEYCHAIN));
        return model.expiryProperty().get();
    }

    @Test
    void theScreenSaysWhoIsSignedInAndUntilWhen() {
        viewModel.show(session(Session.TokenStorage.KEYCHAIN));

        assertThat(viewModel.signedInAsProperty().get()).isEqualTo(messages.get("signedIn.as", "alice@example.com"));
        assertThat(viewModel.expiryProperty().get()).contains("11:00");
        assertThat(viewModel.storedInFileProperty().get()).isFalse();
        assertThat(viewModel.storageNoticeProperty().get()).isEmpty();
    }

    @Test
    void aTokenKeptInAFileIsAnnouncedWithTheFolder() {
        viewModel.show(session(Session.TokenStorage.FILE));

        assertThat(viewModel.storedInFileProperty().get()).isTrue();
        assertThat(viewModel.storageNoticeProperty().get()).contains(dataDir.toString());
    }

    @Test
    void signOutRevokesAndLeavesTheScreen() {
        viewModel.show(session(Session.TokenStorage.KEYCHAIN));

        viewModel.signOut();

        assertThat(client.calls).containsExactly("signOut");
        assertThat(signedOut).containsExactly("alice@example.com");
    }

    @Test
    void signOutEverywhereAsksForTheGlobalSignOut() {
        viewModel.show(session(Session.TokenStorage.KEYCHAIN));

        viewModel.signOutEverywhere();

        assertThat(client.calls).containsExactly("signOut everywhere");
        assertThat(signedOut).containsExactly("alice@example.com");
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"OFFLINE", "UNREACHABLE", "SERVICE_UNAVAILABLE", "UNEXPECTED"})
    void aFailedSignOutKeepsTheSessionAndSaysWhy(Problem problem) {
        viewModel.show(session(Session.TokenStorage.KEYCHAIN));
        client.nextFailure = new SignInException(problem, "detail");

        viewModel.signOut();

        assertThat(signedOut).isEmpty();
        assertThat(viewModel.problemProperty().get()).isEqualTo(messages.get("problem." + problem.name()));
        assertThat(viewModel.busyProperty().get()).isFalse();
    }
}
