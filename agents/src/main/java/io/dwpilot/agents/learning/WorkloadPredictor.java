package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.forecast.Forecaster;
import io.dwpilot.models.forecast.SeasonalNaive;
import io.dwpilot.models.ml.forecast.LearnedForecaster;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.persistence.observations.ArrivalHistory.Arrivals;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Arrivals per 5-minute bucket for the next hours after the latest logged execution (workload time): the active
 * learned forecaster when one serves and the history is long enough for it, else seasonal naive over the last day.
 */
public final class WorkloadPredictor {
    private static final Duration HISTORY = Duration.ofDays(15);
    private static final Duration BUCKET = Duration.ofMinutes(5);

    /** The forecast and who made it; {@code from} is the first forecast bucket's start. */
    public record WorkloadForecast(String model, Instant from, int bucketMinutes, double[] arrivals) {}

    private final TrainingData data;
    private final ArrivalHistory arrivals;
    private final ActiveModels models;

    public WorkloadPredictor(DataSource dataSource, ActiveModels models) {
        this.data = new TrainingData(dataSource);
        this.arrivals = new ArrivalHistory(dataSource);
        this.models = models;
    }

    /**
     * @throws NoSuchElementException when too little has been logged to forecast anything (under a day)
     */
    public WorkloadForecast predict(int horizonBuckets) throws SQLException {
        Instant latest = data.latest().orElseThrow(() -> new NoSuchElementException("no executions are logged yet"));
        Instant earliestWanted = latest.minus(HISTORY);
        Instant from = data.earliest().filter(e -> e.isAfter(earliestWanted)).orElse(earliestWanted);
        // whole buckets up to the one the latest execution fell in, which may still be filling
        Arrivals arrived = arrivals.total(from, latest, BUCKET);
        double[] history = arrived.values();
        Instant end = arrived.end();
        Optional<ActiveModels.Serving<LearnedForecaster>> learned = models.get(ModelKind.FORECAST)
                .filter(s -> history.length >= s.model().minimumHistory());
        if (learned.isPresent()) {
            return new WorkloadForecast(
                    learned.get().label(),
                    end,
                    (int) BUCKET.toMinutes(),
                    learned.get().model().forecast(history, end, horizonBuckets));
        }
        if (history.length < Forecaster.BUCKETS_PER_DAY) {
            throw new NoSuchElementException(
                    "a forecast needs a day of arrivals; " + history.length + " five-minute buckets are logged");
        }
        SeasonalNaive naive = new SeasonalNaive(Forecaster.BUCKETS_PER_DAY);
        return new WorkloadForecast(
                naive.name(), end, (int) BUCKET.toMinutes(), naive.fit(history).forecast(horizonBuckets));
    }
}
