package io.dwpilot.models.ml.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CostMetricsTest {
    @Test
    void qErrorsAreSymmetricRatiosWithInterpolatedPercentiles() {
        // q-errors: 2, 2, 1, 4, 1.25 -> sorted 1, 1.25, 2, 2, 4
        double[] actual = {10, 10, 5, 1, 8};
        double[] predicted = {20, 5, 5, 4, 10};

        CostMetrics m = CostMetrics.of(actual, predicted);

        assertThat(m.n()).isEqualTo(5);
        assertThat(m.qErrorMedian()).isCloseTo(2.0, within(1e-12));
        // rank 0.9 * 4 = 3.6: 2 + 0.6 * (4 - 2)
        assertThat(m.qErrorP90()).isCloseTo(3.2, within(1e-12));
        assertThat(m.qErrorP95()).isCloseTo(3.6, within(1e-12));
        assertThat(m.qErrorP99()).isCloseTo(3.92, within(1e-12));
        // |10| + |5| + 0 + |3| + |2| = 20 over 5 = 4; mean actual 34 / 5 = 6.8
        assertThat(m.maePercent()).isCloseTo(100 * 4 / 6.8, within(1e-9));
    }

    @Test
    void rSquaredIsOnLogTimes() {
        double[] actual = {1, 10, 100};
        double[] perfect = {1, 10, 100};
        double[] constant = {10, 10, 10}; // the mean of the logs: R^2 = 0

        assertThat(CostMetrics.of(actual, perfect).r2Log()).isCloseTo(1.0, within(1e-12));
        assertThat(CostMetrics.of(actual, constant).r2Log()).isCloseTo(0.0, within(1e-12));
        assertThat(CostMetrics.of(new double[] {3, 3}, new double[] {3, 4}).r2Log())
                .isNaN();
    }

    @Test
    void timesAreFlooredBeforeTheRatio() {
        CostMetrics m = CostMetrics.of(new double[] {0, 0.001}, new double[] {0.005, 0.02});

        // 0 and 0.005 both floor at 0.01 (q = 1); 0.001 floors at 0.01 against 0.02 (q = 2)
        assertThat(m.qErrorMedian()).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void betterMeansLowerMedianThenLowerP90() {
        CostMetrics a = new CostMetrics(10, 1.2, 2.0, 3, 4, 0.9, 10);
        CostMetrics b = new CostMetrics(10, 1.3, 1.5, 3, 4, 0.9, 10);
        CostMetrics c = new CostMetrics(10, 1.2, 1.8, 3, 4, 0.9, 10);

        assertThat(a.betterThan(b)).isTrue();
        assertThat(b.betterThan(a)).isFalse();
        assertThat(c.betterThan(a)).isTrue();
        assertThat(a.betterThan(c)).isFalse();
        assertThat(a.betterThan(a)).isFalse();
    }

    @Test
    void mapHasStableKeys() {
        CostMetrics m = new CostMetrics(3, 1.1, 1.5, 1.7, 2.0, 0.95, 12.5);

        assertThat(m.asMap())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("n", 3.0),
                        org.assertj.core.api.Assertions.entry("q_error_median", 1.1),
                        org.assertj.core.api.Assertions.entry("q_error_p90", 1.5),
                        org.assertj.core.api.Assertions.entry("q_error_p95", 1.7),
                        org.assertj.core.api.Assertions.entry("q_error_p99", 2.0),
                        org.assertj.core.api.Assertions.entry("r2_log", 0.95),
                        org.assertj.core.api.Assertions.entry("mae_percent", 12.5));
    }

    @Test
    void rejectsMismatchedEmptyOrNegativeInput() {
        assertThatThrownBy(() -> CostMetrics.of(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CostMetrics.of(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CostMetrics.of(new double[] {1}, new double[] {-1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predicted");
    }
}
