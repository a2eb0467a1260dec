package io.dwpilot.models.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthScorerTest {
    private static final HealthScorer SCORER = new HealthScorer(List.of(
            HealthComponent.SUCCESS_RATE.rule(0.25, 98, 90),
            HealthComponent.LATENCY.rule(0.2, 1.5, 3),
            HealthComponent.CPU.rule(0.15, 80, 95),
            HealthComponent.LOCKS.rule(0.05, 1, 5)));

    @Test
    void theScoreIsTheWeightedMeanOfTheKnownComponents() {
        HealthAssessment a = SCORER.assess(List.of(
                Reading.of("success_rate", 100, "all 50 executions succeeded"),
                Reading.of("cpu", 95, "mean of 180 samples"),
                Reading.unknown("latency", "fewer than 20 executions in the last 15 min")));
        // (0.25 * 100 + 0.15 * 50) / 0.4; latency unknown and locks without a reading leave the mean
        assertThat(a.score().getAsDouble()).isCloseTo(81.25, within(1e-9));
        assertThat(a.status()).hasValue(HealthStatus.HEALTHY);
        assertThat(a.components())
                .extracting(c -> c.rule().name())
                .containsExactly("success_rate", "latency", "cpu", "locks");
        assertThat(a.components())
                .extracting(ComponentScore::status)
                .containsExactly(
                        ComponentStatus.OK, ComponentStatus.UNKNOWN, ComponentStatus.CRITICAL, ComponentStatus.UNKNOWN);
        ComponentScore cpu = a.components().get(2);
        assertThat(cpu.detail()).isEqualTo("mean of 180 samples; warning at 80%, critical at 95%");
        assertThat(cpu.crossedThreshold()).hasValue(95);
        assertThat(a.components().get(1).score()).isEmpty();
        assertThat(a.components().get(1).detail()).isEqualTo("fewer than 20 executions in the last 15 min");
        assertThat(a.components().get(3).detail()).isEqualTo("not measured");
    }

    @Test
    void theStatusFollowsTheScore() {
        assertThat(SCORER.assess(List.of(Reading.of("success_rate", 94, ""))).status())
                .hasValue(HealthStatus.DEGRADED);
        assertThat(SCORER.assess(List.of(Reading.of("success_rate", 80, ""), Reading.of("locks", 12, "")))
                        .status())
                .hasValue(HealthStatus.CRITICAL);
        assertThat(HealthStatus.of(80)).isEqualTo(HealthStatus.HEALTHY);
        assertThat(HealthStatus.of(79.99)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.of(50)).isEqualTo(HealthStatus.DEGRADED);
        assertThat(HealthStatus.of(49.99)).isEqualTo(HealthStatus.CRITICAL);
    }

    @Test
    void nothingMeasuredIsNoScore() {
        HealthAssessment a = SCORER.assess(List.of());
        assertThat(a.score()).isEmpty();
        assertThat(a.status()).isEmpty();
        assertThat(a.components()).allMatch(c -> c.status() == ComponentStatus.UNKNOWN);
    }

    @Test
    void unknownComponentsAndDuplicateRulesAreMistakes() {
        assertThatThrownBy(() -> SCORER.assess(List.of(Reading.of("disk", 1, ""))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disk");
        assertThatThrownBy(() -> new HealthScorer(
                        List.of(HealthComponent.CPU.rule(1, 80, 95), HealthComponent.CPU.rule(1, 70, 90))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reading.of("cpu", Double.NaN, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thresholdsReadAsPeopleWriteThem() {
        assertThat(HealthScorer.quantity(1.5, "×")).isEqualTo("1.5×");
        assertThat(HealthScorer.quantity(98, "%")).isEqualTo("98%");
        assertThat(HealthScorer.quantity(3, "locks")).isEqualTo("3 locks");
    }
}
