package io.dwpilot.models.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BurstDetectorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void firesOnceWhenMoreThanKFailuresFallInTheWindow() {
        BurstDetector d = new BurstDetector(3, Duration.ofSeconds(10));
        assertThat(d.recordFailure(at(0))).isEmpty();
        assertThat(d.recordFailure(at(1))).isEmpty();
        assertThat(d.recordFailure(at(2))).isEmpty();
        Optional<BurstDetector.Burst> burst = d.recordFailure(at(3));
        assertThat(burst).contains(new BurstDetector.Burst(at(0), at(3), 4));
        assertThat(d.inBurst(at(5))).isTrue();
        // the storm goes on: no repeated alert
        for (int s = 4; s < 40; s++) {
            assertThat(d.recordFailure(at(s))).isEmpty();
        }
    }

    @Test
    void firesAgainAfterTheWindowClears() {
        BurstDetector d = new BurstDetector(2, Duration.ofSeconds(10));
        d.recordFailure(at(0));
        d.recordFailure(at(1));
        assertThat(d.recordFailure(at(2))).isPresent();
        assertThat(d.recordFailure(at(8))).isEmpty();
        assertThat(d.inBurst(at(17))).isTrue();
        assertThat(d.inBurst(at(18))).isFalse();
        // 18 s: the failure at 8 s has left the window (window is (8, 18]), so it cleared
        assertThat(d.recordFailure(at(18))).isEmpty();
        assertThat(d.recordFailure(at(19))).isEmpty();
        assertThat(d.recordFailure(at(20))).contains(new BurstDetector.Burst(at(18), at(20), 3));
    }

    @Test
    void doesNotFireWhenFailuresAreSpreadOut() {
        BurstDetector d = new BurstDetector(2, Duration.ofSeconds(10));
        for (int s = 0; s < 100; s += 5) {
            assertThat(d.recordFailure(at(s))).isEmpty(); // at most 2 in any (t-10, t]
        }
    }

    @Test
    void theWindowIsHalfOpen() {
        BurstDetector d = new BurstDetector(1, Duration.ofSeconds(10));
        d.recordFailure(at(0));
        assertThat(d.recordFailure(at(10))).isEmpty(); // the failure at 0 is out of (0, 10]
        assertThat(d.failuresInWindow(at(10))).isEqualTo(1);
        assertThat(d.recordFailure(at(19.999))).isPresent();
    }

    @Test
    void outOfOrderTimesAreTreatedAsTheLatest() {
        BurstDetector d = new BurstDetector(1, Duration.ofSeconds(10));
        d.recordFailure(at(100));
        assertThat(d.recordFailure(at(50))).map(BurstDetector.Burst::detectedAt).contains(at(100));
    }

    @Test
    void zeroToleranceFiresOnTheFirstFailure() {
        BurstDetector d = new BurstDetector(0, Duration.ofSeconds(1));
        assertThat(d.recordFailure(at(0))).isPresent();
        assertThat(d.recordFailure(at(0.5))).isEmpty();
        assertThat(d.recordFailure(at(2))).isPresent();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new BurstDetector(-1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BurstDetector(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
