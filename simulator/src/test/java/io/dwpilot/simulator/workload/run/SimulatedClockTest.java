package io.dwpilot.simulator.workload.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {
    private static final Instant REAL = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SIMULATED = Instant.parse("2026-11-02T00:00:00Z");

    @Test
    void aFixedRealClockKeepsTheSimulatedTimeAtTheStart() {
        SimulatedClock clock = new SimulatedClock(SIMULATED, 1000, Clock.fixed(REAL, ZoneOffset.UTC));
        assertThat(clock.now()).isEqualTo(SIMULATED);
        assertThat(clock.realElapsed()).isZero();
    }

    @Test
    void simulatedTimeRunsSpeedTimesFasterThanRealTime() {
        MutableClock real = new MutableClock(REAL);
        SimulatedClock clock = new SimulatedClock(SIMULATED, 1000, real);
        real.advance(Duration.ofMillis(1500));
        assertThat(clock.now()).isEqualTo(SIMULATED.plusSeconds(1500));
        real.advance(Duration.ofMinutes(10).minusMillis(1500));
        // ten real minutes at speed 1000 are 10,000 simulated minutes: about a week (10,080 minutes)
        assertThat(Duration.between(SIMULATED, clock.now())).isEqualTo(Duration.ofMinutes(10_000));
    }

    @Test
    void anOffsetClockCountsFromWhereItWasWhenTheSimulationStarted() {
        Clock offset = Clock.offset(Clock.fixed(REAL, ZoneOffset.UTC), Duration.ofHours(5));
        SimulatedClock clock = new SimulatedClock(SIMULATED, 60, offset);
        assertThat(clock.now()).isEqualTo(SIMULATED);
        assertThat(clock.simulatedAt(Duration.ofSeconds(2))).isEqualTo(SIMULATED.plusSeconds(120));
    }

    @Test
    void realUntilIsTheSimulatedGapDividedBySpeed() {
        MutableClock real = new MutableClock(REAL);
        SimulatedClock clock = new SimulatedClock(SIMULATED, 100, real);
        assertThat(clock.realUntil(SIMULATED.plusSeconds(50))).isEqualTo(Duration.ofMillis(500));
        real.advance(Duration.ofSeconds(1));
        assertThat(clock.realUntil(SIMULATED.plusSeconds(50))).isZero();
        assertThat(clock.realDuration(Duration.ofDays(1))).isEqualTo(Duration.ofMillis(864_000));
    }

    @Test
    void aSpeedBelowOneIsRefused() {
        assertThatThrownBy(() -> new SimulatedClock(SIMULATED, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
