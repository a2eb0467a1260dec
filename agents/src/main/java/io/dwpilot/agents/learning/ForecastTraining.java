package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.forecast.Forecaster;
import io.dwpilot.models.ml.forecast.ForecastComparison;
import io.dwpilot.models.ml.forecast.LearnedForecaster;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.persistence.observations.ArrivalHistory.Arrivals;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The learned workload forecaster: arrivals per 5-minute bucket, split by time 70/15/15, tuned on the validation
 * part, then tested walk-forward over the test part (a forecast of the next hour from every hour's start, and of
 * the next six hours) beside seasonal-naive and Holt-Winters fitted on the same history at each origin. The
 * candidate must have a lower one-hour MAPE than the best of those baselines (the forecaster agent forecasts with
 * them while no model serves) and than the active version, tested the same way.
 */
final class ForecastTraining implements ModelTraining {
    /** Two days of history before the first forecast and a day to test on. */
    static final int MINIMUM_BUCKETS = 3 * Forecaster.BUCKETS_PER_DAY;

    static final int HOUR = 12;
    static final int SIX_HOURS = 72;
    private static final double TRAIN = 0.70;
    private static final double VALIDATION = 0.15;

    private static final Duration BUCKET = Duration.ofMinutes(5);

    private final ActiveModels models;
    private final ArrivalHistory arrivals;
    private final List<MlpHyperParameters> grid;

    ForecastTraining(ActiveModels models, ArrivalHistory arrivals, List<MlpHyperParameters> grid) {
        this.models = models;
        this.arrivals = arrivals;
        this.grid = grid;
    }

    @Override
    public ModelKind<?> kind() {
        return ModelKind.FORECAST;
    }

    @Override
    public Candidate train(TrainingSet data, TrainingProgress progress) throws TrainingException, SQLException {
        // whole buckets of the window: the one the latest execution fell in may still be filling
        Arrivals series = arrivals.total(data.from(), data.to(), BUCKET);
        double[] counts = series.values();
        if (counts.length < MINIMUM_BUCKETS) {
            throw new TrainingException("only " + counts.length + " five-minute buckets of arrivals (at least "
                    + MINIMUM_BUCKETS + ", three days, are needed)");
        }
        int trainEnd = (int) (counts.length * TRAIN);
        int validationEnd = (int) (counts.length * (TRAIN + VALIDATION));
        progress.step(
                kind().name(),
                String.format(
                        Locale.ROOT,
                        "%,d buckets from %s: %,d train, %,d validation," + " %,d test; tuning %d settings",
                        counts.length,
                        series.start(),
                        trainEnd,
                        validationEnd - trainEnd,
                        counts.length - validationEnd,
                        grid.size()));
        long started = System.nanoTime();
        LearnedForecaster learned = LearnedForecaster.train(counts, series.start(), trainEnd, validationEnd, grid);
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        ForecastComparison.Result hour =
                ForecastComparison.walkForward(counts, series.start(), validationEnd, HOUR, HOUR, learned);
        ForecastComparison.Result sixHours =
                ForecastComparison.walkForward(counts, series.start(), validationEnd, HOUR, SIX_HOURS, learned);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test_1h", scores(hour));
        metrics.put("test_6h", scores(sixHours));
        metrics.put("fit_seconds", fitSeconds);
        metrics.put("test_from", series.bucketStart(validationEnd).toString());
        metrics.put("test_to", series.end().toString());
        double candidate = hour.model(learned.name()).mape();

        // what serves without a model: the forecaster agent's statistical baselines; the best of them here
        ForecastComparison.ModelResult baseline = hour.models().stream()
                .filter(m -> !m.name().equals(learned.name()))
                .min(Comparator.comparingDouble(ForecastComparison.ModelResult::mape))
                .orElseThrow();
        boolean better = candidate < baseline.mape();
        String verdict = String.format(
                Locale.ROOT,
                "1-hour test MAPE %.1f %% against the best baseline's (%s) %.1f %%",
                100 * candidate,
                baseline.name(),
                100 * baseline.mape());
        Optional<ActiveModels.Serving<LearnedForecaster>> active = models.get(ModelKind.FORECAST);
        if (active.isEmpty()) {
            verdict += " (no active forecaster)";
        } else {
            double current = ForecastComparison.walkForward(
                            counts,
                            series.start(),
                            validationEnd,
                            HOUR,
                            HOUR,
                            active.get().model())
                    .model(active.get().model().name())
                    .mape();
            metrics.put("active_on_test_1h_mape", current);
            better &= candidate < current;
            verdict += String.format(
                    Locale.ROOT, " and the active %s's %.1f %%", active.get().label(), 100 * current);
        }
        return new Candidate(
                learned,
                learned.toArtifact(),
                metrics,
                new LinkedHashMap<>(learned.hyperParameters().asMap()),
                List.of("lags", "calendar"),
                trainEnd,
                validationEnd - trainEnd,
                counts.length - validationEnd,
                better,
                verdict);
    }

    /** Each model's scores by its name: MAPE, peak-hour hit rate and the number of forecasts. */
    static Map<String, Object> scores(ForecastComparison.Result result) {
        Map<String, Object> scores = new LinkedHashMap<>();
        for (ForecastComparison.ModelResult m : result.models()) {
            scores.put(
                    m.name(),
                    Map.of("mape", m.mape(), "peak_hour_hits", m.peakHourHitRate(), "forecasts", m.forecasts()));
        }
        return scores;
    }
}
