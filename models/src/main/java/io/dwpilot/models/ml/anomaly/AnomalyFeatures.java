package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.ml.FeatureSchema;
import io.dwpilot.models.ml.features.HistorySnapshot;
import io.dwpilot.models.ml.features.LatencyHistory;
import java.util.List;

/**
 * The features of one execution for the anomaly detector, each finite for any valid observation:
 * <ol>
 *   <li>{@code residual_log_ms}: log actual minus log predicted time (0 without a prediction) — how far the cost
 *       model was off;</li>
 *   <li>{@code history_z}: the z-score of the log time against the fingerprint's history, 0 below
 *       {@link #MIN_HISTORY} executions (too few to know the norm); the standard deviation is floored at
 *       {@link #MIN_STD_LOG_MS} so that a fingerprint with near-constant times does not give an unbounded z;</li>
 *   <li>{@code log_ms}: the log actual time (an expensive statement is rarer than a cheap one);</li>
 *   <li>{@code failed}: 1 for a failure, else 0;</li>
 *   <li>{@code unseen}: 1 / (1 + executions seen before): 1 for a shape never seen, fading as it becomes known;</li>
 *   <li>{@code log_concurrency}: log(1 + statements running at the same time);</li>
 *   <li>{@code log_burst}: the fingerprint's arrivals in the last ten minutes against its usual pace
 *       ({@link ArrivalPace#logBurst}) — storms and pile-ups are unusual only in how many come at once.</li>
 * </ol>
 * Times are in log milliseconds as in {@link LatencyHistory#logMs}, the scale of the history.
 */
public final class AnomalyFeatures {
    public static final List<String> NAMES =
            List.of("residual_log_ms", "history_z", "log_ms", "failed", "unseen", "log_concurrency", "log_burst");
    /** Bumped whenever a feature's meaning changes, so a detector never reads vectors it was not trained on. */
    public static final FeatureSchema SCHEMA = new FeatureSchema(2, NAMES);
    /** Executions a history needs before the z-score means something. */
    public static final int MIN_HISTORY = 5;
    /** Floor of the history's standard deviation of log time (about 5 %). */
    public static final double MIN_STD_LOG_MS = 0.05;

    private AnomalyFeatures() {}

    public static double[] of(ExecutionObservation o) {
        double logMs = LatencyHistory.logMs(o.actualMs());
        double residual = o.hasPrediction() ? logMs - LatencyHistory.logMs(o.predictedMs()) : 0;
        return new double[] {
            residual,
            historyZ(o),
            logMs,
            o.failed() ? 1 : 0,
            1.0 / (1 + o.history().count()),
            Math.log1p(o.concurrentQueries()),
            o.pace().logBurst()
        };
    }

    /** The {@code history_z} feature: see the class comment. */
    public static double historyZ(ExecutionObservation o) {
        HistorySnapshot h = o.history();
        if (h.count() < MIN_HISTORY) {
            return 0;
        }
        return (LatencyHistory.logMs(o.actualMs()) - h.meanLogMs()) / Math.max(h.stdLogMs(), MIN_STD_LOG_MS);
    }
}
