package io.dwpilot.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.models.eval.ForecastMetrics;
import org.junit.jupiter.api.Test;

class HoltWintersTest {
    private static final int DAY = Forecaster.BUCKETS_PER_DAY;

    @Test
    void forecastsADailySeasonalSeriesWithTrendAndNoiseWithinTenPercentOneDayAhead() {
        double[] series = Series.dailyWithTrend(15, 100, 0.05, 40, 5, 42);
        double[] history = Series.head(series, 14 * DAY);
        double[] actual = Series.tail(series, DAY);

        HoltWinters.Fitted model = HoltWinters.daily().fit(history);
        double[] forecast = model.forecast(DAY);

        assertThat(ForecastMetrics.mape(actual, forecast)).isLessThan(0.10);
        assertThat(model.trend()).isCloseTo(0.05, within(0.03));
    }

    @Test
    void beatsSeasonalNaiveOnATrendingSeries() {
        double[] series = Series.dailyWithTrend(15, 50, 0.1, 30, 4, 7);
        double[] history = Series.head(series, 14 * DAY);
        double[] actual = Series.tail(series, DAY);

        double hw = ForecastMetrics.mae(actual, HoltWinters.daily().fit(history).forecast(DAY));
        double naive =
                ForecastMetrics.mae(actual, SeasonalNaive.daily().fit(history).forecast(DAY));

        assertThat(hw).isLessThan(naive * 0.6);
    }

    @Test
    void fixedParametersAreUsedAsGivenAndReproduceAConstantSeries() {
        double[] constant = new double[2 * 4];
        java.util.Arrays.fill(constant, 7);
        HoltWinters.Fitted model = new HoltWinters(4, 0.3, 0.1, 0.2).fit(constant);
        assertThat(model.alpha()).isEqualTo(0.3);
        assertThat(model.beta()).isEqualTo(0.1);
        assertThat(model.gamma()).isEqualTo(0.2);
        assertThat(model.sse()).isCloseTo(0, within(1e-18));
        assertThat(model.forecast(5)).containsExactly(new double[] {7, 7, 7, 7, 7}, within(1e-9));
    }

    @Test
    void followsALinearTrendWithSeasonExactlyWithoutNoise() {
        int m = 4;
        double[] offsets = {5, -5, 10, -10};
        double[] x = new double[5 * m];
        for (int t = 0; t < x.length; t++) {
            x[t] = 100 + 2 * t + offsets[t % m];
        }
        HoltWinters.Fitted model = new HoltWinters(m).fit(Series.head(x, 4 * m));
        assertThat(model.forecast(m)).containsExactly(Series.tail(x, m), within(1e-6));
    }

    @Test
    void forecastsAreNeverNegative() {
        double[] falling = new double[2 * 4];
        for (int t = 0; t < falling.length; t++) {
            falling[t] = 100 - 12 * t;
        }
        double[] forecast = new HoltWinters(4, 0.5, 0.5, 0.1).fit(falling).forecast(20);
        assertThat(java.util.Arrays.stream(forecast).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(forecast[forecast.length - 1]).isZero();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new HoltWinters(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seasonLength");
        assertThatThrownBy(() -> new HoltWinters(-288)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoltWinters.daily().fit(new double[2 * DAY - 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two seasons (576 values)")
                .hasMessageContaining("575");
        assertThatThrownBy(() -> new HoltWinters(4, 1.5, 0.1, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> new HoltWinters(4, 0.5, Double.NaN, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta");
        assertThatThrownBy(() -> new HoltWinters(4).fit(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
