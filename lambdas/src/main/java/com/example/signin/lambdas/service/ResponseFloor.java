package com.example.signin.lambdas.service;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Makes an answer take at least a fixed time from the start of the request, so that the work
 * done for an existing account (send a mail), a new one (create it, send) and a refused one
 * (nothing) cannot be told apart by timing, as long as that work fits under the floor.
 */
public final class ResponseFloor {

    /** Sleeps; injectable so tests need no real time. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration floor;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public ResponseFloor(Duration floor, LongSupplier nanoTime, Sleeper sleeper) {
        this.floor = Objects.requireNonNull(floor, "floor");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The real monotonic clock and {@link Thread#sleep}. */
    public static ResponseFloor of(Duration floor) {
        return new ResponseFloor(floor, System::nanoTime, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /** A mark to pass to {@link #waitOut}. */
    public long start() {
        return nanoTime.getAsLong();
    }

    /** Sleeps until the floor has passed since {@code start}. */
    public void waitOut(long start) {
        long remaining = floor.toNanos() - (nanoTime.getAsLong() - start);
        if (remaining <= 0) {
            return;
        }
        try {
            sleeper.sleep(Duration.ofNanos(remaining));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
