package io.dwpilot.models.ml.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.forecast.Forecaster;
import io.dwpilot.models.ml.CorruptArtifactException;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LearnedForecasterTest {
    private static final int DAY = Forecaster.BUCKETS_PER_DAY;
    private static final List<MlpHyperParameters> GRID = List.of(
            new MlpHyperParameters(List.of(16), 40, 3e-3f, 64, 0f, 5),
            new MlpHyperParameters(List.of(32), 40, 3e-3f, 64, 1e-5f, 5));
    private static final double[] SERIES = ArrivalSeries.generate(22, 60, 1);
    private static final int TRAIN_END = 14 * DAY;
    private static final int VALIDATION_END = 16 * DAY;
    private static LearnedForecaster learned;

    @BeforeAll
    static void train() {
        long start = System.nanoTime();
        learned = LearnedForecaster.train(SERIES, ArrivalSeries.MONDAY, TRAIN_END, VALIDATION_END, GRID);
        System.out.printf(
                "learned forecaster: %s trained in %.1f s, validation MAPE %.3f%n",
                learned, (System.nanoTime() - start) / 1e9, learned.validationMape());
    }

    @Test
    void beatsSeasonalNaiveOnMapeOneHourAhead() {
        ForecastComparison.Result result =
                ForecastComparison.walkForward(SERIES, ArrivalSeries.MONDAY, VALIDATION_END, 12, 12, learned);
        System.out.println("walk-forward, 1 hour ahead every hour: " + result.models());

        double learnedMape = result.model("learned-mlp").mape();
        assertThat(learnedMape)
                .isLessThan(0.8 * result.model("seasonal-naive(288)").mape());
        assertThat(learnedMape).isLessThan(result.model("seasonal-naive(2016)").mape());
        assertThat(result.model("learned-mlp").forecasts()).isEqualTo(6 * 24);
        assertThat(result.model("learned-mlp").peakHourHitRate()).isGreaterThan(0.5);
        assertThat(result.models())
                .extracting(ForecastComparison.ModelResult::name)
                .containsExactly("learned-mlp", "seasonal-naive(288)", "holt-winters(288)", "seasonal-naive(2016)");
    }

    @Test
    void recordsTheWeeklyLagOnlyWhenTrainedOnTwoWeeks() {
        assertThat(learned.lags()).endsWith(DAY, Forecaster.BUCKETS_PER_WEEK).startsWith(1, 2, 3);
        assertThat(learned.minimumHistory()).isEqualTo(Forecaster.BUCKETS_PER_WEEK);
        assertThat(LearnedForecaster.lagsFor(TRAIN_END - 1)).hasSize(13).endsWith(12, DAY);
    }

    @Test
    void artifactRoundTripForecastsTheSame() {
        LearnedForecaster copy = LearnedForecaster.fromArtifact(learned.toArtifact());
        double[] history = Arrays.copyOf(SERIES, VALIDATION_END);
        Instant next = ArrivalSeries.MONDAY.plusSeconds(300L * VALIDATION_END);

        assertThat(copy.forecast(history, next, DAY)).containsExactly(learned.forecast(history, next, DAY));
        assertThat(copy.lags()).containsExactly(learned.lags());
        assertThat(copy.hyperParameters()).isEqualTo(learned.hyperParameters());
        byte[] damaged = learned.toArtifact();
        damaged[20] ^= 4;
        assertThatThrownBy(() -> LearnedForecaster.fromArtifact(damaged)).isInstanceOf(CorruptArtifactException.class);
    }

    @Test
    void aDayAheadFollowsTheDailyShapeAndIsNeverNegative() {
        double[] history = Arrays.copyOf(SERIES, VALIDATION_END); // ends on a Wednesday midnight
        double[] forecast = learned.forecast(history, ArrivalSeries.MONDAY.plusSeconds(300L * VALIDATION_END), DAY);

        assertThat(forecast).hasSize(DAY);
        assertThat(Arrays.stream(forecast).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        double night = Arrays.stream(forecast, 0, 4 * 12).average().orElseThrow();
        double morningPeak = Arrays.stream(forecast, 9 * 12, 11 * 12).average().orElseThrow();
        assertThat(morningPeak).isGreaterThan(3 * night);
        assertThat(learned.forecast(history, ArrivalSeries.MONDAY, 0)).isEmpty();
    }

    @Test
    void tooShortAHistoryIsRefusedClearly() {
        double[] sixDays = Arrays.copyOf(SERIES, 6 * DAY);
        assertThatThrownBy(() -> learned.forecast(sixDays, ArrivalSeries.MONDAY, 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least " + Forecaster.BUCKETS_PER_WEEK + " buckets of history");
        assertThatThrownBy(() -> LearnedForecaster.train(SERIES, ArrivalSeries.MONDAY, DAY + 100, 2 * DAY, GRID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("training needs at least");
        assertThatThrownBy(() -> LearnedForecaster.train(SERIES, ArrivalSeries.MONDAY, 3 * DAY, 3 * DAY + 5, GRID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation needs");
        assertThatThrownBy(() -> ForecastComparison.walkForward(SERIES, ArrivalSeries.MONDAY, DAY, 12, 12, learned))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("history before the test range");
    }
}
