package com.example.signin.fx.internal.ui;

import com.example.signin.testsupport.TestClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInException;
import com.example.signin.fx.internal.client.SignInException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The renewal timer with an injected wall clock, monotonic clock and network: nothing waits for real time. */
class SessionRenewalTest {

    private final TestClock clock = TestClock.at("2026-11-24T10:00:00Z");
    private final FakeSignInClient client = new FakeSignInClient(clock);
    private final SameThreadTaskExecutor executor = new SameThreadTaskExecutor();
    private long monotonicNanos = 1_000_000_000L;
    private Set<String> network = Set.of("eth0 192.168.1.20");
    private final List<Session> renewed = new ArrayList<>();
    private final List<Exception> failed = new ArrayList<>();
    private final List<SignInException> ended = new ArrayList<>();
    private final SessionRenewal renewal = new SessionRenewal(client, executor, clock,
            new SessionRenewal.Signals(() -> monotonicNanos, () -> network), new SessionRenewal.Listener() {
                @Override
                public void renewed(Session session) {
                    renewed.add(session);
                }

                @Override
                public void renewalFailed(Exception failure) {
                    failed.add(failure);
                }

                @Override
                public void sessionEnded(SignInException failure) {
                    ended.add(failure);
                }
            });

    private Session session;

    @BeforeEach
    void signedIn() {
        session = new Session("alice@example.com", clock.instant().plus(Duration.ofHours(1)), Session.TokenStorage.KEYCHAIN);
        client.stored = Optional.of(session);
        renewal.start(session);
    }

    /** Time passes while the computer is awake: both clocks move. */
    private void awake(Duration duration) {
        clock.advance(duration);
        monotonicNanos += duration.toNanos();
    }

    /** Lets the one waiting timer run after its delay, the computer awake meanwhile. */
    private void timerFires() {
        awake(executor.timers.next().orElseThrow().delay);
        executor.timers.fire();
    }

    private long renewals() {
        return client.calls.stream().filter("renewSession"::equals).count();
    }

    @Test
    void theTokensAreRenewedWithinTheToleranceBeforeTheyExpireAndNotBefore() {
        Instant due = session.expiresAt().minus(SessionRenewal.RENEW_BEFORE);
        while (clock.instant().isBefore(due)) {
            assertThat(renewals()).isZero();
            assertThat(executor.timers.next().orElseThrow().delay).isLessThanOrEqualTo(SessionRenewal.CHECK_EVERY);
            timerFires();
        }

        assertThat(renewals()).isEqualTo(1);
        assertThat(clock.instant()).isEqualTo(due).isBefore(session.expiresAt());
        assertThat(renewed).singleElement().satisfies(s -> assertThat(s.expiresAt()).isEqualTo(due.plus(Duration.ofHours(1))));
        assertThat(renewal.dueAt()).isEqualTo(renewed.get(0).expiresAt().minus(SessionRenewal.RENEW_BEFORE));
    }

    @Test
    void onlyOneTimerWaitsAtATime() {
        for (int i = 0; i < 200; i++) {
            assertThat(executor.timers.waiting()).hasSize(1);
            timerFires();
        }
        assertThat(renewals()).isEqualTo(3);
    }

    @Test
    void aWakeUpAfterExpiryRenewsAtOnce() {
        // Two hours asleep: the wall clock moves on, the monotonic clock does not.
        clock.advance(Duration.ofHours(2));

        executor.timers.fire();

        assertThat(renewals()).isEqualTo(1);
        assertThat(renewed).singleElement().satisfies(s -> assertThat(s.expiresAt()).isAfter(clock.instant()));
    }

    @Test
    void aShortSleepLongBeforeExpiryAlsoRenewsAtOnce() {
        clock.advance(Duration.ofMinutes(10));

        executor.timers.fire();

        assertThat(renewals()).isEqualTo(1);
    }

    @Test
    void whereTheMonotonicClockRunsThroughSleepTheDueTimeStillRenewsAtTheFirstTick() {
        awake(Duration.ofHours(2));

        executor.timers.fire();

        assertThat(renewals()).isEqualTo(1);
    }

    @Test
    void theOsWakeSignalRenewsAtOnce() {
        renewal.computerWokeUp();

        assertThat(renewals()).isEqualTo(1);
        assertThat(executor.timers.waiting()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = Problem.class, names = {"SESSION_REVOKED", "SESSION_EXPIRED"})
    void aRefusedRefreshTokenEndsTheSessionAndStopsTheTimer(Problem problem) {
        client.nextFailure = new SignInException(problem, "refused");

        renewal.computerWokeUp();

        assertThat(ended).singleElement().satisfies(e -> assertThat(e.problem()).isEqualTo(problem));
        assertThat(executor.timers.waiting()).isEmpty();
        assertThat(renewal.dueAt()).isNull();
    }

    @Test
    void offlineTheSessionStaysAndTheRenewalIsTriedAgainWithGrowingWaits() {
        client.nextFailure = new SignInException(Problem.OFFLINE, "offline");
        renewal.computerWokeUp();
        assertThat(failed).hasSize(1);
        assertThat(ended).isEmpty();
        assertThat(renewal.dueAt()).isEqualTo(clock.instant().plus(SessionRenewal.FIRST_RETRY_WAIT));

        client.nextFailure = new SignInException(Problem.OFFLINE, "offline");
        timerFires();
        assertThat(failed).hasSize(2);
        assertThat(renewal.dueAt()).isEqualTo(clock.instant().plus(SessionRenewal.FIRST_RETRY_WAIT.multipliedBy(2)));

        while (renewed.isEmpty()) {
            timerFires();
        }
        assertThat(renewals()).isEqualTo(3);
    }

    @Test
    void whenTheNetworkComesBackAFailedRenewalIsTriedAtOnce() {
        network = Set.of();
        client.nextFailure = new SignInException(Problem.OFFLINE, "offline");
        renewal.computerWokeUp();
        awake(Duration.ofSeconds(10));
        network = Set.of("wlan0 10.0.0.7");

        executor.timers.fire();

        assertThat(renewals()).isEqualTo(2);
        assertThat(renewed).hasSize(1);
    }

    @Test
    void aNetworkChangeWhileAllIsWellCostsNothing() {
        network = Set.of("wlan0 10.0.0.7");

        timerFires();

        assertThat(renewals()).isZero();
    }

    @Test
    void afterStopNothingRunsAndALateAnswerIsDropped() {
        QueuedTaskExecutor queued = new QueuedTaskExecutor();
        List<Session> late = new ArrayList<>();
        SessionRenewal slow = new SessionRenewal(client, queued, clock,
                new SessionRenewal.Signals(() -> monotonicNanos, () -> network), new SessionRenewal.Listener() {
                    @Override
                    public void renewed(Session s) {
                        late.add(s);
                    }

                    @Override
                    public void renewalFailed(Exception failure) {
                    }

                    @Override
                    public void sessionEnded(SignInException failure) {
                    }
                });
        slow.start(session);
        slow.computerWokeUp();

        slow.stop();
        queued.runAll();

        assertThat(late).isEmpty();
        assertThat(queued.timers.waiting()).isEmpty();
    }
}
