package io.dwpilot.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastMetricsTest {
    private static final double[] ACTUAL = {10, 20, 0, 40};
    private static final double[] FORECAST = {12, 15, 5, 40};

    @Test
    void maeAndRmse() {
        // |errors| = 2, 5, 5, 0
        assertThat(ForecastMetrics.mae(ACTUAL, FORECAST)).isCloseTo(3.0, within(1e-12));
        assertThat(ForecastMetrics.rmse(ACTUAL, FORECAST)).isCloseTo(Math.sqrt(54.0 / 4), within(1e-12));
    }

    @Test
    void mapeSkipsZeroActuals() {
        // (2/10 + 5/20 + 0/40) / 3 = 0.45 / 3
        assertThat(ForecastMetrics.mape(ACTUAL, FORECAST)).isCloseTo(0.15, within(1e-12));
        assertThat(ForecastMetrics.mape(new double[] {0, 0}, new double[] {1, 0}))
                .isNaN();
    }

    @Test
    void smapeCountsZeroZeroAsPerfect() {
        // 2*2/22 + 2*5/35 + 2*5/5 + 0 over 4
        double expected = (4.0 / 22 + 10.0 / 35 + 2.0 + 0) / 4;
        assertThat(ForecastMetrics.smape(ACTUAL, FORECAST)).isCloseTo(expected, within(1e-12));
        assertThat(ForecastMetrics.smape(new double[] {0, 0}, new double[] {0, 0}))
                .isZero();
    }

    @Test
    void peakHitRate() {
        double[] actual = new double[288];
        double[] forecast = new double[288];
        actual[100] = 50; // actual peaks at 100 and 200
        actual[200] = 40;
        forecast[110] = 50; // 10 buckets off: within an hour
        forecast[230] = 45; // 30 buckets off: miss
        assertThat(ForecastMetrics.peakHourHitRate(actual, forecast, 2)).isEqualTo(0.5);
        assertThat(ForecastMetrics.peakHitRate(actual, forecast, 2, 30)).isEqualTo(1.0);
        assertThat(ForecastMetrics.peakHitRate(actual, forecast, 1, 0)).isEqualTo(0.0);
        assertThat(ForecastMetrics.topK(new double[] {1, 3, 3, 2}, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsMismatchedOrEmptyInput() {
        assertThatThrownBy(() -> ForecastMetrics.mae(new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForecastMetrics.mape(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForecastMetrics.peakHourHitRate(ACTUAL, FORECAST, 5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
