package io.dwpilot.models.forecast;

import io.dwpilot.models.eval.ForecastMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;

/**
 * Picks, for one history, the forecaster with the lowest error on the most recent holdout window: each candidate is
 * fitted on the history minus the last {@code holdout} buckets, forecasts those buckets, and is scored by a metric
 * {@code (actual, forecast) -> error} (lower is better; MAE by default, which is defined even when the window holds
 * zeros). A candidate that cannot fit the shortened history (too short for it) gets an error of
 * {@link Double#POSITIVE_INFINITY} and its failure message; it is never selected unless all candidates fail, in
 * which case {@link #select} throws. Ties go to the earlier candidate, so list the simplest first.
 *
 * <p>The selection only chooses; the caller should then refit the winner on the full history
 * ({@link Selection#fitBest(double[])}).
 */
public final class ForecastSelector {
    private final List<Forecaster> candidates;
    private final int holdout;
    private final ToDoubleBiFunction<double[], double[]> metric;
    private final String metricName;

    /** Scores by MAE on a holdout of {@code holdout} buckets. */
    public ForecastSelector(List<? extends Forecaster> candidates, int holdout) {
        this(candidates, holdout, ForecastMetrics::mae, "mae");
    }

    public ForecastSelector(
            List<? extends Forecaster> candidates,
            int holdout,
            ToDoubleBiFunction<double[], double[]> metric,
            String metricName) {
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("at least one candidate forecaster is required");
        }
        if (holdout <= 0) {
            throw new IllegalArgumentException("holdout must be positive, was " + holdout);
        }
        this.candidates = List.copyOf(candidates);
        this.holdout = holdout;
        this.metric = Objects.requireNonNull(metric, "metric");
        this.metricName = Objects.requireNonNull(metricName, "metricName");
    }

    /**
     * Seasonal naive (daily), fitted Holt-Winters (daily) and seasonal naive (weekly), holdout of one day, MAE. The
     * weekly candidate takes part once the history holds eight days (a week to copy plus the holdout day); it is what
     * catches a weekend that the daily models, knowing only yesterday, cannot.
     */
    public static ForecastSelector standard() {
        return new ForecastSelector(
                List.of(SeasonalNaive.daily(), HoltWinters.daily(), SeasonalNaive.weekly()),
                Forecaster.BUCKETS_PER_DAY);
    }

    public int holdout() {
        return holdout;
    }

    /** The same selection with one more candidate, listed last (so it wins only with a strictly lower error). */
    public ForecastSelector withCandidate(Forecaster candidate) {
        List<Forecaster> more = new ArrayList<>(candidates);
        more.add(Objects.requireNonNull(candidate, "candidate"));
        return new ForecastSelector(more, holdout, metric, metricName);
    }

    /**
     * Scores every candidate on the last {@code holdout} buckets of {@code history}.
     *
     * @throws IllegalArgumentException if the history is not longer than the holdout, or no candidate could fit
     */
    public Selection select(double[] history) {
        Forecaster.requireFinite(history);
        if (history.length <= holdout) {
            throw new IllegalArgumentException(
                    "history (" + history.length + " values) must be longer than the holdout (" + holdout + ")");
        }
        double[] train = Arrays.copyOfRange(history, 0, history.length - holdout);
        double[] actual = Arrays.copyOfRange(history, history.length - holdout, history.length);
        List<Score> scores = new ArrayList<>();
        int bestIndex = -1;
        for (int i = 0; i < candidates.size(); i++) {
            Forecaster f = candidates.get(i);
            Score score;
            try {
                double error = metric.applyAsDouble(actual, f.fit(train).forecast(holdout));
                score = new Score(f, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error, null);
            } catch (IllegalArgumentException e) {
                score = new Score(f, Double.POSITIVE_INFINITY, e.getMessage());
            }
            scores.add(score);
            if (score.failure() == null
                    && (bestIndex < 0 || score.error() < scores.get(bestIndex).error())) {
                bestIndex = i;
            }
        }
        if (bestIndex < 0) {
            throw new IllegalArgumentException(
                    "no candidate could be fitted on " + train.length + " values: " + scores);
        }
        return new Selection(candidates.get(bestIndex), List.copyOf(scores), metricName, holdout);
    }

    /** One candidate's result; {@code failure} is null when it fitted, otherwise the reason it could not. */
    public record Score(Forecaster forecaster, double error, String failure) {
        public String name() {
            return forecaster.name();
        }
    }

    /** The winner and every candidate's score, in candidate order. */
    public record Selection(Forecaster best, List<Score> scores, String metricName, int holdout) {
        /** Fits the winner on the full history. */
        public FittedModel fitBest(double[] history) {
            return best.fit(history);
        }

        public double bestError() {
            return scores.stream()
                    .filter(s -> s.forecaster() == best)
                    .findFirst()
                    .orElseThrow()
                    .error();
        }
    }
}
