package com.example.signin.fx.internal.ui;

import com.example.signin.testsupport.TestClock;
import com.example.signin.protocol.InvalidEmailException;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.internal.client.LinkRequest;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SignInViewModelTest {

    private final Messages messages = Messages.load();
    private final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    private final FakeSignInClient client = new FakeSignInClient(clock);
    private final List<LinkRequest> requested = new ArrayList<>();
    private final SignInViewModel viewModel = new SignInViewModel(client, new SameThreadTaskExecutor(), messages, requested::add);

    @Test
    void anEmptyFieldShowsNoErrorButCannotBeSubmitted() {
        assertThat(viewModel.emailErrorProperty().get()).isEmpty();
        assertThat(viewModel.canSubmitBinding().get()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "alice,                   MISSING_AT",
            "alice@,                  BAD_DOMAIN",
            "alice@localhost,         BAD_DOMAIN",
            "al..ice@example.com,     BAD_LOCAL_PART",
            "'\"al ice\"@example.com', UNSUPPORTED_LOCAL_PART",
    })
    void anInvalidAddressIsExplainedAsItIsTyped(String typed, InvalidEmailException.Reason reason) {
        viewModel.emailProperty().set(typed);

        assertThat(viewModel.emailErrorProperty().get()).isEqualTo(messages.invalidEmail(reason)).isEqualTo(reason.sentence());
        assertThat(viewModel.canSubmitBinding().get()).isFalse();
    }

    @Test
    void theErrorGoesAwayOnceTheAddressIsComplete() {
        viewModel.emailProperty().set("alice@example");
        viewModel.emailProperty().set("alice@example.com");

        assertThat(viewModel.emailErrorProperty().get()).isEmpty();
        assertThat(viewModel.canSubmitBinding().get()).isTrue();
    }

    @Test
    void submittingAnEmptyFieldSaysWhatToDoAndSendsNothing() {
        viewModel.submit();

        assertThat(viewModel.emailErrorProperty().get()).isEqualTo(messages.invalidEmail(InvalidEmailException.Reason.EMPTY));
        assertThat(client.calls).isEmpty();
    }

    @Test
    void aValidAddressIsSentNormalisedAndLeadsToTheInbox() {
        viewModel.emailProperty().set("  Alice@Example.COM ");

        viewModel.submit();

        assertThat(client.calls).containsExactly("requestLink alice@example.com");
        assertThat(requested).extracting(LinkRequest::email).containsExactly("alice@example.com");
        assertThat(viewModel.busyProperty().get()).isFalse();
    }

    @Test
    void whileTheRequestRunsTheScreenIsBusyAndCannotSubmitAgain() {
        QueuedTaskExecutor executor = new QueuedTaskExecutor();
        SignInViewModel slow = new SignInViewModel(client, executor, messages, requested::add);
        slow.emailProperty().set("alice@example.com");

        slow.submit();
        slow.submit();

        assertThat(slow.busyProperty().get()).isTrue();
        assertThat(slow.canSubmitBinding().get()).isFalse();
        assertThat(executor.pending()).isEqualTo(1);
        executor.runAll();
        assertThat(slow.busyProperty().get()).isFalse();
        assertThat(requested).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"INVALID_EMAIL", "OFFLINE", "UNREACHABLE", "RATE_LIMITED", "SERVICE_UNAVAILABLE", "UNEXPECTED"})
    void aFailedRequestShowsTheSentenceForItsProblemAndStaysOnTheScreen(Problem problem) {
        client.nextFailure = new SignInException(problem, "internal detail that must not show");
        viewModel.emailProperty().set("alice@example.com");

        viewModel.submit();

        assertThat(viewModel.problemProperty().get())
                .isEqualTo(messages.get("problem." + problem.name()))
                .doesNotContain("internal detail");
        assertThat(requested).isEmpty();
        assertThat(viewModel.busyProperty().get()).isFalse();
        assertThat(viewModel.canSubmitBinding().get()).isTrue();
    }

    @Test
    void aRateLimitSaysHowLongToWait() {
        client.nextFailure = new SignInException(Problem.RATE_LIMITED, "429", Duration.ofSeconds(42), null);
        viewModel.emailProperty().set("alice@example.com");

        viewModel.submit();

        assertThat(viewModel.problemProperty().get()).contains("42 s");
    }

    @Test
    void typingAgainClearsTheLastProblem() {
        client.nextFailure = new SignInException(Problem.OFFLINE, "no route");
        viewModel.emailProperty().set("alice@example.com");
        viewModel.submit();

        viewModel.emailProperty().set("alice@example.org");

        assertThat(viewModel.problemProperty().get()).isEmpty();
    }
}
