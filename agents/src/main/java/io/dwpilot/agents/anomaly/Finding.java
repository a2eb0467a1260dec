package io.dwpilot.agents.anomaly;

import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.models.anomaly.BurstDetector;
import io.dwpilot.models.anomaly.MetricSpikeDetector;
import io.dwpilot.models.anomaly.Severity;
import io.dwpilot.models.anomaly.SlowExecutionDetector;
import io.dwpilot.persistence.observations.NewAnomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one detector found, before it is stored and journaled. Its {@link #key()}, the kind, is what the cooldown is
 * kept by: findings of one kind close together are one incident (a contention storm slows many shapes at once, a
 * resource spike lifts CPU and active queries together), reported once. Scores are capped at {@link #MAX_SCORE}: a departure from a
 * perfectly constant norm scores infinity, which neither JSON nor people read well.
 */
record Finding(
        String kind,
        String detector,
        Severity severity,
        Optional<String> fingerprint,
        Optional<Long> queryId,
        Optional<String> metric,
        double observed,
        Optional<Double> expected,
        double score,
        String description,
        Instant at)
        implements JsonSerializable {
    static final String SLOW_QUERY = "slow_query";
    static final String NEW_SHAPE = "new_shape";
    static final String FAILURE_BURST = "failure_burst";
    static final String METRIC_SPIKE = "metric_spike";
    static final double MAX_SCORE = 999;

    Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        score = Double.isNaN(score) ? 0 : Math.min(score, MAX_SCORE);
    }

    static Finding slowQuery(QueryExecuted e, SlowExecutionDetector.SlowExecution slow, Instant at) {
        String text = String.format(
                Locale.ROOT,
                "%s %s took %.1f ms, %.1fx its norm of %.1f ms (robust z %.1f)",
                e.statementKind(),
                shortFingerprint(e.fingerprint()),
                slow.millis(),
                slow.millis() / Math.max(slow.medianMillis(), 0.001),
                slow.medianMillis(),
                slow.score());
        return new Finding(
                SLOW_QUERY,
                "robust_latency_norm",
                slow.severity(),
                Optional.of(e.fingerprint()),
                id(e),
                Optional.empty(),
                slow.millis(),
                Optional.of(slow.medianMillis()),
                slow.score(),
                text,
                at);
    }

    static Finding newShape(QueryExecuted e, Instant at) {
        String text = String.format(
                Locale.ROOT,
                "never-seen %s shape %s on %s (%.1f ms)",
                e.statementKind(),
                shortFingerprint(e.fingerprint()),
                e.tables().isEmpty() ? "no table" : String.join(", ", e.tables()),
                e.executionTimeMs());
        return new Finding(
                NEW_SHAPE,
                "known_fingerprints",
                Severity.LOW,
                Optional.of(e.fingerprint()),
                id(e),
                Optional.empty(),
                e.executionTimeMs(),
                Optional.empty(),
                0,
                text,
                at);
    }

    /**
     * A failure burst; its score is the burst's pace against the limit: the failures it would reach over a whole
     * window at the rate it came in, divided by the most allowed.
     */
    static Finding failureBurst(
            QueryExecuted last, BurstDetector.Burst burst, int maxFailures, Duration window, Instant at) {
        Duration span = Duration.between(burst.firstFailure(), burst.detectedAt());
        double spanMillis = Math.max(span.toMillis(), 1);
        double pace = burst.failures() * (window.toMillis() / spanMillis) / Math.max(maxFailures, 1);
        Severity severity = pace >= 4 ? Severity.HIGH : pace >= 2 ? Severity.MEDIUM : Severity.LOW;
        String text = String.format(
                Locale.ROOT,
                "%d errors and timeouts within %.1f s (more than %d per %d s)",
                burst.failures(),
                spanMillis / 1000,
                maxFailures,
                window.toSeconds());
        return new Finding(
                FAILURE_BURST,
                "failure_window",
                severity,
                Optional.empty(),
                id(last),
                Optional.empty(),
                burst.failures(),
                Optional.of((double) maxFailures),
                pace,
                text,
                at);
    }

    static Finding metricSpike(MetricSpikeDetector.Spike spike, Instant at) {
        String text = String.format(
                Locale.ROOT,
                "%s at %.3g, its recent norm is %.3g (robust z %.1f)",
                spike.metric(),
                spike.value(),
                spike.median(),
                spike.score());
        return new Finding(
                METRIC_SPIKE,
                "robust_metric_norm",
                spike.severity(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(spike.metric()),
                spike.value(),
                Optional.of(spike.median()),
                spike.score(),
                text,
                at);
    }

    /** The cooldown key: the kind. */
    String key() {
        return kind;
    }

    /** The metadata.anomalies row; {@code simulated}: the workload clock follows simulated time. */
    NewAnomaly toRow(boolean simulated) {
        return new NewAnomaly(
                at,
                kind,
                severity.name().toLowerCase(Locale.ROOT),
                fingerprint,
                queryId,
                metric,
                Optional.of(observed),
                expected,
                Optional.of(score),
                detector,
                description,
                simulated ? Optional.of(at) : Optional.empty());
    }

    private static Optional<Long> id(QueryExecuted e) {
        return e.queryId().isPresent() ? Optional.of(e.queryId().getAsLong()) : Optional.empty();
    }

    private static String shortFingerprint(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) : fingerprint;
    }
}
