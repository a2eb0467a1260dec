package io.dwpilot.models.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComponentRuleTest {
    private static final ComponentRule CPU = HealthComponent.CPU.rule(0.15, 80, 95);
    private static final ComponentRule SUCCESS = HealthComponent.SUCCESS_RATE.rule(0.25, 98, 90);

    @Test
    void theAnchorsScore100At80And50AndZeroPastCritical() {
        assertThat(CPU.score(0)).isEqualTo(100);
        assertThat(CPU.score(40)).isCloseTo(90, within(1e-9));
        assertThat(CPU.score(80)).isCloseTo(80, within(1e-9));
        assertThat(CPU.score(87.5)).isCloseTo(65, within(1e-9));
        assertThat(CPU.score(95)).isCloseTo(50, within(1e-9));
        // past critical the slope of warning..critical continues: 30 points per 15 % reach 0 at 120 %
        assertThat(CPU.score(110)).isCloseTo(20, within(1e-9));
        assertThat(CPU.score(200)).isZero();
        // better than ideal is no better than ideal
        assertThat(CPU.score(-5)).isEqualTo(100);
    }

    @Test
    void aComponentThatShrinksAsThingsGetWorseScoresTheOtherWayRound() {
        assertThat(SUCCESS.score(100)).isEqualTo(100);
        assertThat(SUCCESS.score(99)).isCloseTo(90, within(1e-9));
        assertThat(SUCCESS.score(98)).isCloseTo(80, within(1e-9));
        assertThat(SUCCESS.score(90)).isCloseTo(50, within(1e-9));
        assertThat(SUCCESS.score(70)).isZero();
    }

    @Test
    void theScoreIsContinuousAndNeverRisesAsTheValueWorsens() {
        double previous = CPU.score(0);
        for (double v = 0; v <= 150; v += 0.01) {
            double score = CPU.score(v);
            assertThat(score).isLessThanOrEqualTo(previous + 1e-12);
            assertThat(previous - score).as("jump at %s", v).isLessThan(0.05);
            previous = score;
        }
    }

    @Test
    void theStatusIsTheBandTheScoreLiesIn() {
        assertThat(CPU.status(79.9)).isEqualTo(ComponentStatus.OK);
        assertThat(CPU.status(80)).isEqualTo(ComponentStatus.WARNING);
        assertThat(CPU.status(94.9)).isEqualTo(ComponentStatus.WARNING);
        assertThat(CPU.status(95)).isEqualTo(ComponentStatus.CRITICAL);
        assertThat(SUCCESS.status(98.5)).isEqualTo(ComponentStatus.OK);
        assertThat(SUCCESS.status(97)).isEqualTo(ComponentStatus.WARNING);
        assertThat(SUCCESS.status(90)).isEqualTo(ComponentStatus.CRITICAL);
        assertThat(SUCCESS.crossed(97)).hasValue(98);
        assertThat(SUCCESS.crossed(50)).hasValue(90);
        assertThat(SUCCESS.crossed(99)).isEmpty();
        for (double v = 0; v <= 120; v += 0.5) {
            double score = CPU.score(v);
            ComponentStatus expected =
                    score > 80 ? ComponentStatus.OK : score > 50 ? ComponentStatus.WARNING : ComponentStatus.CRITICAL;
            if (Math.abs(score - 80) > 1e-9 && Math.abs(score - 50) > 1e-9) {
                assertThat(CPU.status(v)).as("cpu %s scores %s", v, score).isEqualTo(expected);
            }
        }
    }

    @Test
    void thresholdsOutOfOrderOrABadWeightAreRefused() {
        assertThatThrownBy(() -> HealthComponent.CPU.rule(0.1, 95, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu");
        assertThatThrownBy(() -> HealthComponent.SUCCESS_RATE.rule(0.1, 90, 98))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HealthComponent.CPU.rule(0, 80, 95))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight");
    }
}
