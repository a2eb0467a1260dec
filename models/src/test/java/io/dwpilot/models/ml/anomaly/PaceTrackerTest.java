package io.dwpilot.models.ml.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaceTrackerTest {
    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @Test
    void aBurstStandsOutAgainstTheUsualPace() {
        PaceTracker tracker = new PaceTracker();
        assertThat(tracker.observe("a", T0)).isEqualTo(ArrivalPace.NONE);
        // one execution an hour for a day: the usual pace is about a sixth per ten minutes
        for (int h = 1; h <= 24; h++) {
            ArrivalPace pace = tracker.observe("a", T0.plus(Duration.ofHours(h)));
            assertThat(pace.recent()).isZero();
        }
        Instant burst = T0.plus(Duration.ofHours(25));
        ArrivalPace last = ArrivalPace.NONE;
        for (int i = 0; i < 12; i++) {
            last = tracker.observe("a", burst.plusSeconds(30L * i));
        }
        assertThat(last.recent()).isEqualTo(11);
        assertThat(last.expected()).isBetween(0.15, 0.3);
        assertThat(last.logBurst()).isGreaterThan(2);
    }

    @Test
    void theWindowForgetsOldArrivalsAndFingerprintsAreApart() {
        PaceTracker tracker = new PaceTracker();
        tracker.observe("a", T0);
        tracker.observe("a", T0.plusSeconds(60));
        assertThat(tracker.observe("a", T0.plusSeconds(120)).recent()).isEqualTo(2);
        assertThat(tracker.observe("a", T0.plus(PaceTracker.WINDOW).plusSeconds(121))
                        .recent())
                .isZero();
        assertThat(tracker.observe("b", T0.plusSeconds(130))).isEqualTo(ArrivalPace.NONE);
    }
}
