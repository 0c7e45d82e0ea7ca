package com.example.signin.fx.internal.ui;

import com.example.signin.fx.Session;
import com.example.signin.fx.internal.client.SignInClient;
import com.example.signin.fx.internal.client.SignInException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a signed-in session's tokens fresh while the app runs: renews them {@link #RENEW_BEFORE}
 * before the ID token expires (like AppAuth's tolerance, wider so that a failed try has time to
 * be repeated), at once after the computer wakes from sleep, and when the network comes back
 * after a failed try.
 *
 * <p>One timer, never busy: it fires when the renewal is due, and at least every
 * {@link #CHECK_EVERY} to look for a wake-up and a network change. JavaFX and the JDK give no
 * sleep or network event on Linux or Windows (macOS has {@code java.awt.desktop.SystemSleepListener},
 * which calls {@link #computerWokeUp()}), so a wake-up is seen by comparing wall-clock and
 * monotonic time at each tick: the monotonic clock (Linux {@code CLOCK_MONOTONIC}, macOS
 * {@code mach_absolute_time}) stops while the computer sleeps, the wall clock does not. Where the
 * monotonic clock runs on through sleep, the tick still compares the wall clock with the due
 * time, so a renewal that fell due during sleep happens at the first tick after it. A network
 * change is seen by comparing the set of the machine's non-loopback addresses.
 *
 * <p>Runs on the UI thread; the renewal itself goes through the {@link TaskExecutor}.
 */
public final class SessionRenewal {

    /** How long before the ID token's expiry the renewal starts. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    /** The longest the timer sleeps between looks at the clocks and the network. */
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    /** Wall clock ahead of the monotonic clock by more than this between two ticks: the computer slept. */
    static final Duration SLEEP_GAP = Duration.ofSeconds(30);
    /** First wait after a renewal that failed for a passing reason; doubled up to {@link #MAX_RETRY_WAIT}. */
    static final Duration FIRST_RETRY_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_RETRY_WAIT = Duration.ofMinutes(5);
    /** A token shorter-lived than the tolerance is renewed after this share of its life. */
    private static final Duration SHORTEST_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(SessionRenewal.class);

    /** What the screens do with the outcome; called on the UI thread. */
    public interface Listener {
        /** New tokens: show the new expiry, clear any earlier notice. */
        void renewed(Session session);

        /** A try failed for a passing reason (offline, service down); the session stays, the app tries again. */
        void renewalFailed(Exception failure);

        /** The refresh token was refused: the session is over and nothing is stored any more. */
        void sessionEnded(SignInException failure);
    }

    /** Where the renewal looks for sleep and network changes; tests give their own. */
    public record Signals(LongSupplier monotonicNanos, Supplier<Set<String>> networkAddresses) {
        public Signals {
            Objects.requireNonNull(monotonicNanos, "monotonicNanos");
            Objects.requireNonNull(networkAddresses, "networkAddresses");
        }

        /** {@link System#nanoTime()} and the addresses of the interfaces that are up. */
        public static Signals system() {
            return new Signals(System::nanoTime, Signals::currentAddresses);
        }

        private static Set<String> currentAddresses() {
            Set<String> addresses = new TreeSet<>();
            try {
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (nic.isUp() && !nic.isLoopback()) {
                        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                            addresses.add(nic.getName() + " " + address.getHostAddress());
                        }
                    }
                }
            } catch (SocketException | RuntimeException e) {
                LOG.debug("The network interfaces cannot be listed", e);
            }
            return addresses;
        }
    }

    private final SignInClient client;
    private final TaskExecutor executor;
    private final Clock clock;
    private final Signals signals;
    private final Listener listener;

    private boolean running;
    /** Bumped by start and stop, so the answer of a renewal started for an earlier session is dropped. */
    private long generation;
    private TaskExecutor.Scheduled timer;
    private Instant dueAt;
    private Instant lastWall;
    private long lastMonotonic;
    private Set<String> lastNetwork = Set.of();
    private boolean renewing;
    private boolean lastTryFailed;
    private Duration retryWait = FIRST_RETRY_WAIT;

    public SessionRenewal(SignInClient client, TaskExecutor executor, Clock clock, Signals signals, Listener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Keeps {@code session} fresh from now on (replacing whatever was kept before). */
    public void start(Session session) {
        Objects.requireNonNull(session, "session");
        stop();
        running = true;
        lastTryFailed = false;
        retryWait = FIRST_RETRY_WAIT;
        lastNetwork = signals.networkAddresses().get();
        dueAt = dueFor(session);
        LOG.info("Session of {} valid until {}; renewal due at {}", session.email(), session.expiresAt(), dueAt);
        schedule();
    }

    /** Stops renewing (signed out, or the session ended). */
    public void stop() {
        generation++;
        running = false;
        renewing = false;
        cancelTimer();
    }

    /** The OS said the computer woke up: renew now. */
    public void computerWokeUp() {
        if (running) {
            LOG.info("The computer woke up; renewing the session");
            renewNow();
        }
    }

    /** When the next renewal is due; null when no session is kept. */
    Instant dueAt() {
        return running ? dueAt : null;
    }

    private Instant dueFor(Session session) {
        Instant now = clock.instant();
        Instant due = session.expiresAt().minus(RENEW_BEFORE);
        if (due.isAfter(now)) {
            return due;
        }
        // A token that lives shorter than the tolerance: renew at half of what is left, not in a loop.
        Duration left = Duration.between(now, session.expiresAt());
        Duration half = left.dividedBy(2);
        return now.plus(half.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : half);
    }

    private void schedule() {
        cancelTimer();
        lastWall = clock.instant();
        lastMonotonic = signals.monotonicNanos().getAsLong();
        Duration untilDue = Duration.between(lastWall, dueAt);
        Duration delay = untilDue.isNegative() ? Duration.ZERO : untilDue.compareTo(CHECK_EVERY) < 0 ? untilDue : CHECK_EVERY;
        long mine = generation;
        timer = executor.schedule(delay, () -> {
            if (mine == generation) {
                tick();
            }
        });
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private void tick() {
        timer = null;
        if (!running || renewing) {
            return;
        }
        Instant now = clock.instant();
        Duration wall = Duration.between(lastWall, now);
        Duration monotonic = Duration.ofNanos(signals.monotonicNanos().getAsLong() - lastMonotonic);
        Set<String> network = signals.networkAddresses().get();
        boolean networkChanged = !network.equals(lastNetwork);
        boolean networkCameBack = networkChanged && (lastNetwork.isEmpty() || lastTryFailed) && !network.isEmpty();
        lastNetwork = network;
        if (wall.minus(monotonic).compareTo(SLEEP_GAP) > 0) {
            LOG.info("The computer slept for about {} s; renewing the session", wall.minus(monotonic).toSeconds());
            renewNow();
        } else if (networkCameBack) {
            LOG.info("The network changed; renewing the session");
            renewNow();
        } else if (!now.isBefore(dueAt)) {
            renewNow();
        } else {
            schedule();
        }
    }

    private void renewNow() {
        if (renewing) {
            return;
        }
        cancelTimer();
        renewing = true;
        long mine = generation;
        executor.wrap(client::renewSession)
                .onSuccess(session -> {
                    if (mine != generation) {
                        return;
                    }
                    renewing = false;
                    lastTryFailed = false;
                    retryWait = FIRST_RETRY_WAIT;
                    dueAt = dueFor(session);
                    listener.renewed(session);
                    schedule();
                })
                .onFailure(failure -> {
                    if (mine != generation) {
                        return;
                    }
                    renewing = false;
                    if (failure instanceof SignInException e && (e.problem() == SignInException.Problem.SESSION_EXPIRED
                            || e.problem() == SignInException.Problem.SESSION_REVOKED)) {
                        LOG.info("The session ended: {}", e.problem());
                        stop();
                        listener.sessionEnded(e);
                        return;
                    }
                    FailureLog.log(LOG, "Renewing the session", failure);
                    lastTryFailed = true;
                    dueAt = clock.instant().plus(retryWait);
                    Duration doubled = retryWait.multipliedBy(2);
                    retryWait = doubled.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : doubled;
                    listener.renewalFailed(failure);
                    schedule();
                })
                .start();
    }
}
