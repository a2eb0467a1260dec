package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.ml.features.HistorySnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution as the anomaly detector sees it.
 *
 * @param fingerprint       the statement's shape
 * @param at                when it started
 * @param failed            whether it failed
 * @param actualMs          how long it ran (until it failed, for a failure)
 * @param predictedMs       the cost model's prediction, or {@link Double#NaN} when there was none
 * @param history           the fingerprint's latency history <em>before</em> this execution
 * @param concurrentQueries statements running at the same time
 * @param pace              how fast the fingerprint arrives now against its usual pace (see {@link PaceTracker})
 */
public record ExecutionObservation(
        String fingerprint,
        Instant at,
        boolean failed,
        double actualMs,
        double predictedMs,
        HistorySnapshot history,
        int concurrentQueries,
        ArrivalPace pace) {
    public ExecutionObservation {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(pace, "pace");
        if (!(actualMs >= 0) || Double.isInfinite(actualMs)) {
            throw new IllegalArgumentException("actualMs must be finite and >= 0, was " + actualMs);
        }
        if (!Double.isNaN(predictedMs) && (predictedMs < 0 || Double.isInfinite(predictedMs))) {
            throw new IllegalArgumentException("predictedMs must be NaN (none) or finite and >= 0, was " + predictedMs);
        }
        if (!Double.isFinite(history.meanLogMs())
                || !Double.isFinite(history.stdLogMs())
                || !Double.isFinite(history.lastLogMs())
                || !Double.isFinite(history.ewmaLogMs())) {
            throw new IllegalArgumentException("history values must be finite: " + history);
        }
        if (concurrentQueries < 0) {
            throw new IllegalArgumentException("concurrentQueries must be >= 0, was " + concurrentQueries);
        }
    }

    public boolean hasPrediction() {
        return !Double.isNaN(predictedMs);
    }
}
