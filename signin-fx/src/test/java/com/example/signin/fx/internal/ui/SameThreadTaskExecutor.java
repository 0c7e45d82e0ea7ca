package com.example.signin.fx.internal.ui;

/** Runs background work and its callbacks at once on the calling thread: deterministic view-model tests. */
final class SameThreadTaskExecutor implements TaskExecutor {

    @Override
    public void runInBackground(Runnable work) {
        work.run();
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
}
