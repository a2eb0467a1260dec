package io.dwpilot.models.ml.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.models.eval.DetectionMetrics;
import org.junit.jupiter.api.Test;

class ThresholdSearchTest {

    @Test
    void picksTheBestF1WithinTheFalsePositiveBound() {
        double[] scores = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
        boolean[] labels = {true, true, false, true, false, false, false, false, false, false};
        boolean[] none = new boolean[scores.length];

        // unbounded: 0.6 catches all three anomalies with one false alarm (F1 6/7)
        ThresholdSearch.Choice free =
                ThresholdSearch.best(scores, none, labels, 1.0).orElseThrow();
        assertThat(free.threshold()).isEqualTo(0.6);
        assertThat(free.metrics()).isEqualTo(DetectionMetrics.ofCounts(3, 1, 0, 6));

        // no false alarm allowed: stop above 0.7
        ThresholdSearch.Choice strict =
                ThresholdSearch.best(scores, none, labels, 0.0).orElseThrow();
        assertThat(strict.threshold()).isEqualTo(0.8);
        assertThat(strict.metrics()).isEqualTo(DetectionMetrics.ofCounts(2, 0, 1, 7));
    }

    @Test
    void forcedFlagsCountAndCanMakeEveryThresholdInfeasible() {
        double[] scores = {0.9, 0.1, 0.2, 0.3};
        boolean[] labels = {true, true, false, false};
        boolean[] forced = {false, true, false, false};

        ThresholdSearch.Choice choice =
                ThresholdSearch.best(scores, forced, labels, 0.0).orElseThrow();
        assertThat(choice.threshold()).isEqualTo(0.9);
        assertThat(choice.metrics().f1()).isEqualTo(1.0);

        boolean[] forcedFalseAlarm = {false, false, true, false};
        assertThat(ThresholdSearch.best(scores, forcedFalseAlarm, labels, 0.0)).isEmpty();
    }

    @Test
    void neverFiresWhenNoScoreHelps() {
        double[] scores = {0.2, 0.9};
        boolean[] labels = {true, false};
        ThresholdSearch.Choice choice =
                ThresholdSearch.best(scores, new boolean[2], labels, 0.0).orElseThrow();
        assertThat(choice.threshold()).isEqualTo(ThresholdSearch.NEVER);
        assertThat(choice.metrics().predictedPositives()).isZero();
    }
}
