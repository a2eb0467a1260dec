package io.dwpilot.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastSelectorTest {
    private static final int DAY = Forecaster.BUCKETS_PER_DAY;

    @Test
    void picksHoltWintersOnATrendingSeriesAndReportsEveryError() {
        double[] history = Series.dailyWithTrend(14, 50, 0.1, 30, 4, 11);
        SeasonalNaive naive = SeasonalNaive.daily();
        HoltWinters hw = HoltWinters.daily();

        ForecastSelector.Selection selection = new ForecastSelector(List.of(naive, hw), DAY).select(history);

        assertThat(selection.best()).isSameAs(hw);
        assertThat(selection.scores())
                .extracting(ForecastSelector.Score::name)
                .containsExactly("seasonal-naive(288)", "holt-winters(288)");
        assertThat(selection.scores().get(1).error())
                .isLessThan(selection.scores().get(0).error());
        assertThat(selection.bestError()).isEqualTo(selection.scores().get(1).error());
        assertThat(selection.fitBest(history).forecast(DAY)).hasSize(DAY);
    }

    @Test
    void picksSeasonalNaiveOnAnExactlyPeriodicSeries() {
        double[] pattern = new double[DAY];
        for (int i = 0; i < DAY; i++) {
            pattern[i] = (i / 12) % 3 == 0 ? 0 : 5 + (i % 17);
        }
        double[] history = Series.periodic(pattern, 4);

        ForecastSelector.Selection selection = ForecastSelector.standard().select(history);

        assertThat(selection.best()).isInstanceOf(SeasonalNaive.class);
        assertThat(selection.scores().get(0).error()).isZero();
        assertThat(selection.metricName()).isEqualTo("mae");
    }

    @Test
    void fallsBackToSeasonalNaiveWhereAdditiveHoltWintersMisfitsGrowingBusinessHours() {
        // No queries 00:00-06:00, a working-day hump whose height grows 2 % a day (multiplicative growth), Poisson-like
        // noise. Additive Holt-Winters lets the level swing within the day and over-forecasts the quiet night, so
        // yesterday's profile wins: this is what the selector is for.
        java.util.Random random = new java.util.Random(3);
        double[] history = new double[15 * DAY];
        for (int t = 0; t < history.length; t++) {
            int bucket = t % DAY;
            double mean = bucket < 72 ? 0 : (1 + 0.02 * t / DAY) * 60 * Math.sin(Math.PI * (bucket - 72) / (DAY - 72));
            history[t] = Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }

        ForecastSelector.Selection selection = ForecastSelector.standard().select(history);

        assertThat(selection.best()).isInstanceOf(SeasonalNaive.class);
        assertThat(selection.scores().get(1).error())
                .isGreaterThan(selection.scores().get(0).error());
    }

    @Test
    void theWeeklyCandidateWinsAWeekendOnceAWeekOfHistoryExists() {
        // five busy weekdays, two quiet weekend days; the holdout day is a Saturday after a Friday
        double[] history = new double[13 * DAY];
        for (int t = 0; t < history.length; t++) {
            int day = t / DAY;
            double busy = day % 7 >= 5 ? 4 : 40;
            history[t] = busy + (t % DAY) / 24;
        }
        ForecastSelector.Selection selection = ForecastSelector.standard().select(history);

        assertThat(selection.best()).isInstanceOf(SeasonalNaive.class);
        assertThat(((SeasonalNaive) selection.best()).seasonLength()).isEqualTo(7 * DAY);
        assertThat(selection.scores().get(2).error()).isZero();
    }

    @Test
    void aCandidateThatCannotFitIsReportedNotSelected() {
        double[] history = Series.dailyWithTrend(3, 50, 0.0, 30, 2, 3);
        // after holding out a day, 2 days remain: enough for daily Holt-Winters, not for weekly seasonal naive
        ForecastSelector.Selection selection =
                new ForecastSelector(List.of(SeasonalNaive.weekly(), HoltWinters.daily()), DAY).select(history);

        assertThat(selection.best()).isInstanceOf(HoltWinters.class);
        assertThat(selection.scores().get(0).failure()).contains("at least one season");
        assertThat(selection.scores().get(0).error()).isInfinite();
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new ForecastSelector(List.of(), DAY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ForecastSelector(List.of(SeasonalNaive.daily()), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ForecastSelector.standard().select(new double[DAY]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than the holdout");
        assertThatThrownBy(() -> ForecastSelector.standard().select(new double[DAY + 10]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no candidate");
    }
}
