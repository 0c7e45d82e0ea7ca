package com.example.signin.desktop.ui;

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
}
