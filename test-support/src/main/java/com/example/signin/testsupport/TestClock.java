package com.example.signin.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock a test moves by hand, for every module's tests. Two kinds:
 * <ul>
 *   <li>{@link #at}: stands still at a given instant until moved (unit tests that compare exact
 *       times; tests writing DynamoDB Local records start in 2099, since its TTL sweeper runs on
 *       wall-clock time and would remove a record whose expiry lies in the real past);</li>
 *   <li>{@link #realTime}: the real time plus an offset (a running backend, whose tokens and
 *       sessions must look current to clients that read the real time).</li>
 * </ul>
 * Thread-safe: a backend's threads read it while the test moves it.
 */
public final class TestClock extends Clock {

    /** The fixed instant, or {@code null} for real time. */
    private final Instant fixedStart;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private TestClock(Instant fixedStart) {
        this.fixedStart = fixedStart;
    }

    /** A clock standing at {@code start} until moved. */
    public static TestClock at(Instant start) {
        return new TestClock(start);
    }

    /** A clock standing at {@code instant}, ISO-8601 such as {@code 2099-01-01T00:00:00Z}. */
    public static TestClock at(String instant) {
        return at(Instant.parse(instant));
    }

    /** The real time until moved. */
    public static TestClock realTime() {
        return new TestClock(null);
    }

    /** Moves the clock by {@code by} (backwards if negative). */
    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    /** Undoes every move. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return (fixedStart == null ? Instant.now() : fixedStart).plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
