package io.dwpilot.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionMetricsTest {

    @Test
    void fromSets() {
        DetectionMetrics m = DetectionMetrics.of(Set.of("a", "b", "c", "d"), Set.of("a", "b", "e"), 10);
        assertThat(m).isEqualTo(new DetectionMetrics(2, 2, 1, 5));
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.f1()).isCloseTo(4.0 / 7, within(1e-12)); // 2PR/(P+R) = 2*0.5*(2/3)/(7/6)
        assertThat(m.falsePositiveRate()).isCloseTo(2.0 / 7, within(1e-12));
    }

    @Test
    void fromCountsAndUniverse() {
        DetectionMetrics m = DetectionMetrics.ofCounts(8, 2, 2, 88);
        assertThat(m.precision()).isEqualTo(0.8);
        assertThat(m.recall()).isEqualTo(0.8);
        assertThat(m.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(m.falsePositiveRate()).isCloseTo(2.0 / 90, within(1e-12));

        DetectionMetrics u = DetectionMetrics.of(Set.of(1, 2), Set.of(2, 3), Set.of(1, 2, 3, 4, 5));
        assertThat(u).isEqualTo(new DetectionMetrics(1, 1, 1, 2));
    }

    @Test
    void fromPerItemFlags() {
        boolean[] predicted = {true, true, false, false, true, false};
        boolean[] labelled = {true, false, true, false, true, false};
        DetectionMetrics m = DetectionMetrics.ofFlags(predicted, labelled);
        assertThat(m).isEqualTo(new DetectionMetrics(2, 1, 1, 2));
        assertThat(m.falsePositiveRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThatThrownBy(() -> DetectionMetrics.ofFlags(new boolean[2], new boolean[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownTrueNegativesGiveNaNFalsePositiveRate() {
        assertThat(DetectionMetrics.of(Set.of(1), Set.of(1)).falsePositiveRate())
                .isNaN();
    }

    @Test
    void noPredictionsAndNoLabelsIsPerfect() {
        DetectionMetrics m = DetectionMetrics.of(Set.of(), Set.of(), 5);
        assertThat(m.precision()).isEqualTo(1.0);
        assertThat(m.recall()).isEqualTo(1.0);
        assertThat(m.f1()).isEqualTo(1.0);
        assertThat(m.falsePositiveRate()).isEqualTo(0.0);
    }

    @Test
    void noPredictionsButLabelsScoresZero() {
        DetectionMetrics m = DetectionMetrics.of(Set.<String>of(), Set.of("x", "y"));
        assertThat(m.precision()).isEqualTo(0.0);
        assertThat(m.recall()).isEqualTo(0.0);
        assertThat(m.f1()).isEqualTo(0.0);
    }

    @Test
    void predictionsButNoLabelsScoresZero() {
        DetectionMetrics m = DetectionMetrics.of(Set.of("x"), Set.<String>of(), 4);
        assertThat(m.precision()).isEqualTo(0.0);
        assertThat(m.recall()).isEqualTo(0.0);
        assertThat(m.f1()).isEqualTo(0.0);
        assertThat(m.falsePositiveRate()).isCloseTo(1.0 / 4, within(1e-12));
    }

    @Test
    void rejectsInconsistentInput() {
        assertThatThrownBy(() -> DetectionMetrics.ofCounts(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetectionMetrics.of(Set.of(1, 2), Set.of(3), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetectionMetrics.of(Set.of(9), Set.of(1), Set.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
