package com.example.signin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTest {

    @Test
    void aFixedClockStandsStillUntilMovedAndResetGoesBackToItsStart() {
        TestClock clock = TestClock.at("2099-01-01T00:00:00Z");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
        assertThat(clock.millis()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z").toEpochMilli());

        clock.advance(Duration.ofMinutes(15));
        clock.advance(Duration.ofSeconds(1));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2099-01-01T00:15:01Z"));

        clock.reset();
        assertThat(clock.instant()).isEqualTo(Instant.parse("2099-01-01T00:00:00Z"));
    }

    @Test
    void aRealTimeClockFollowsTheRealTimePlusWhatTheTestMovedIt() {
        TestClock clock = TestClock.realTime();
        Instant before = Instant.now();
        Instant read = clock.instant();
        assertThat(read).isBetween(before, Instant.now());

        clock.advance(Duration.ofHours(2));
        Instant beforeMoved = Instant.now().plus(Duration.ofHours(2));
        Instant moved = clock.instant();
        assertThat(moved).isBetween(beforeMoved, Instant.now().plus(Duration.ofHours(2)));
    }

    @Test
    void itSpeaksUtcWhateverZoneIsAskedFor() {
        TestClock clock = TestClock.at("2099-01-01T00:00:00Z");
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(java.time.ZoneId.of("Europe/Paris"))).isSameAs(clock);
    }
}
