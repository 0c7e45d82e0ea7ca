package com.example.signin.fx.internal.ui;

import java.util.ArrayDeque;
import java.util.Queue;

/** Holds background work until the test runs it: to see a screen while its request is still running. */
final class QueuedTaskExecutor implements TaskExecutor {

    private final Queue<Runnable> waiting = new ArrayDeque<>();

    @Override
    public void runInBackground(Runnable work) {
        waiting.add(work);
    }

    @Override
    public void runOnUi(Runnable action) {
        action.run();
    }

    /** Timers wait until the test fires them. */
    final ManualTimers timers = new ManualTimers();

    @Override
    public Scheduled schedule(java.time.Duration delay, Runnable action) {
        return timers.schedule(delay, action);
    }

    /** Runs everything queued so far (and what that queues). */
    void runAll() {
        Runnable next;
        while ((next = waiting.poll()) != null) {
            next.run();
        }
    }

    int pending() {
        return waiting.size();
    }
}
