package io.dwpilot.simulator.workload.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.simulator.workload.UserType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class WorkloadProfileTest {
    private static final WorkloadProfile RETAIL = WorkloadProfiles.retail();
    /** A Tuesday. */
    private static final Instant TUESDAY = Instant.parse("2026-11-03T00:00:00Z");

    private static final Instant SATURDAY = Instant.parse("2026-11-07T00:00:00Z");

    @Test
    void theMorningRushIsBusierThanTheNight() {
        assertThat(RETAIL.rate(TUESDAY.plus(Duration.ofMinutes(9 * 60 + 30))))
                .isGreaterThan(3 * RETAIL.rate(TUESDAY.plus(Duration.ofHours(3))));
        assertThat(RETAIL.rate(TUESDAY.plus(Duration.ofHours(9))))
                .isGreaterThan(RETAIL.rate(TUESDAY.plus(Duration.ofHours(19))));
    }

    @Test
    void weekendsAreQuieterForAnalystsAndDashboardsButNotForBatch() {
        Instant tuesdayRush = TUESDAY.plus(Duration.ofHours(10));
        Instant saturdayRush = SATURDAY.plus(Duration.ofHours(10));
        assertThat(RETAIL.rate(saturdayRush)).isLessThan(RETAIL.rate(tuesdayRush) / 2);
        assertThat(RETAIL.weekend(saturdayRush)).isTrue();
        assertThat(RETAIL.weekend(tuesdayRush)).isFalse();
        assertThat(RETAIL.userMix(saturdayRush).get(UserType.ANALYST))
                .isLessThan(RETAIL.userMix(tuesdayRush).get(UserType.ANALYST));
        assertThat(RETAIL.rate(SATURDAY.plus(Duration.ofHours(2))))
                .isGreaterThanOrEqualTo(RETAIL.rate(TUESDAY.plus(Duration.ofHours(2))));
    }

    @Test
    void batchJobsRunAtNightAndUsersByDay() {
        Map<UserType, Double> night = RETAIL.userMix(TUESDAY.plus(Duration.ofHours(2)));
        Map<UserType, Double> day = RETAIL.userMix(TUESDAY.plus(Duration.ofHours(10)));
        assertThat(night.get(UserType.BATCH)).isGreaterThan(0.6);
        assertThat(day.get(UserType.BATCH)).isLessThan(0.05);
        assertThat(day.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1, Offset.offset(1e-9));
        assertThat(RETAIL.pickUser(TUESDAY.plus(Duration.ofHours(2)), 0.999)).isEqualTo(UserType.BATCH);
        assertThat(RETAIL.pickUser(TUESDAY.plus(Duration.ofHours(10)), 0.0)).isEqualTo(UserType.ANALYST);
    }

    @Test
    void theRateAveragesToOneOverAWeek() {
        double sum = 0;
        int samples = 0;
        for (Instant t = TUESDAY; t.isBefore(TUESDAY.plus(Duration.ofDays(7))); t = t.plus(Duration.ofMinutes(10))) {
            sum += RETAIL.rate(t);
            samples++;
        }
        assertThat(sum / samples).isCloseTo(1.0, Offset.offset(0.05));
    }
}
