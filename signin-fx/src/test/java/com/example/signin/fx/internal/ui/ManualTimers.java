package com.example.signin.fx.internal.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Timers the test fires by hand: it sees what was scheduled, with which delay, and runs it when it likes. */
final class ManualTimers {

    /** One scheduled action. */
    static final class Timer implements TaskExecutor.Scheduled {
        final Duration delay;
        final Runnable action;
        boolean cancelled;

        Timer(Duration delay, Runnable action) {
            this.delay = delay;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Timer> timers = new ArrayList<>();

    TaskExecutor.Scheduled schedule(Duration delay, Runnable action) {
        Timer timer = new Timer(delay, action);
        timers.add(timer);
        return timer;
    }

    /** The timers scheduled and not cancelled or fired. */
    List<Timer> waiting() {
        return timers.stream().filter(t -> !t.cancelled).toList();
    }

    /** The one waiting timer, if any (the app keeps at most one per purpose). */
    Optional<Timer> next() {
        List<Timer> waiting = waiting();
        if (waiting.size() > 1) {
            throw new AssertionError("more than one timer waits: " + waiting.size());
        }
        return waiting.stream().findFirst();
    }

    /** Runs the one waiting timer's action. */
    void fire() {
        Timer timer = next().orElseThrow(() -> new AssertionError("no timer waits"));
        timer.cancelled = true;
        timer.action.run();
    }
}
