package io.dwpilot.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {

    @Test
    void forecastsAnExactlyPeriodicSeriesExactly() {
        double[] pattern = new double[Forecaster.BUCKETS_PER_DAY];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = i % 7 == 0 ? 0 : 10 + (i * 13) % 50;
        }
        double[] series = Series.periodic(pattern, 4);
        double[] history = Series.head(series, 3 * pattern.length);

        double[] forecast = SeasonalNaive.daily().fit(history).forecast(pattern.length);

        assertThat(forecast).containsExactly(pattern);
    }

    @Test
    void repeatsTheLastSeasonBeyondOneSeasonAndStartsMidSeason() {
        double[] history = {1, 2, 3, 4, 5, 6, 7};
        // season 3: last season is 5, 6, 7
        assertThat(new SeasonalNaive(3).fit(history).forecast(7)).containsExactly(5, 6, 7, 5, 6, 7, 5);
        assertThat(new SeasonalNaive(3).fit(history).forecast(0)).isEmpty();
    }

    @Test
    void weeklySeasonUsesTheSameBucketLastWeek() {
        double[] history = new double[Forecaster.BUCKETS_PER_WEEK];
        history[5] = 42;
        assertThat(SeasonalNaive.weekly().fit(history).forecast(6)[5]).isEqualTo(42);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> new SeasonalNaive(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seasonLength");
        assertThatThrownBy(() -> new SeasonalNaive(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeasonalNaive(4).fit(new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one season");
        assertThatThrownBy(() -> new SeasonalNaive(1).fit(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history[1]");
        assertThatThrownBy(() -> new SeasonalNaive(1).fit(new double[] {1}).forecast(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
