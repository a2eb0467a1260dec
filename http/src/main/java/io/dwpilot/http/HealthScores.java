package io.dwpilot.http;

import io.dwpilot.models.health.ComponentScore;
import io.dwpilot.models.health.HealthAssessment;
import io.dwpilot.models.health.HealthInputs;
import io.dwpilot.persistence.metrics.HealthSignals;
import io.dwpilot.persistence.query.ExecutionSeries;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The health score now (over the settings' window, its latency against the day before) and per bucket of a range (all
 * buckets against the day before the range: one baseline per report, since a sliding day per bucket would read a day
 * of executions per bucket), from what {@link HealthSignals} measures and scored by the settings' rules.
 */
final class HealthScores {
    /** One component as the API shows it, with its thresholds (in the value's unit) for charts to draw. */
    record ComponentView(
            String name,
            String label,
            OptionalDouble score,
            double weight,
            OptionalDouble value,
            String unit,
            double warning,
            double critical,
            String status,
            String detail) {
        static ComponentView of(ComponentScore c) {
            return new ComponentView(
                    c.rule().name(),
                    c.rule().label(),
                    c.score(),
                    c.rule().weight(),
                    c.value(),
                    c.rule().unit(),
                    c.rule().warning(),
                    c.rule().critical(),
                    c.status().label(),
                    c.detail());
        }
    }

    /** The score now, with its components. */
    record HealthNow(Instant at, double score, String status, List<ComponentView> components) {}

    record HealthPoint(Instant bucket, OptionalDouble score) {}

    record HealthReport(HealthNow current, long bucketSeconds, List<HealthPoint> history) {}

    /** The current score and the components it was made of. */
    record Current(HealthNow view, HealthAssessment assessment) {}

    private final HealthSignals signals;
    private final DashboardSettings settings;

    HealthScores(HealthSignals signals, DashboardSettings settings) {
        this.signals = signals;
        this.settings = settings;
    }

    Current now(Instant now) throws SQLException {
        Instant start = now.minus(settings.healthWindow());
        HealthSignals.Window window = signals.windows(start, settings.healthWindow(), 1, settings.anomalyWindow())
                .get(0);
        HealthAssessment a = assess(
                window,
                signals.p95(start.minus(settings.baseline()), start),
                signals.maxConnections(),
                settings.windowText());
        // the anomaly count is always measured, so there is always a score
        return new Current(
                new HealthNow(
                        now,
                        a.score().orElseThrow(),
                        a.status().orElseThrow().label(),
                        a.components().stream().map(ComponentView::of).toList()),
                a);
    }

    /** Buckets without an execution or a system sample have no score: nothing ran or was watched then. */
    HealthReport report(Instant from, Instant to, Duration bucket, Instant now) throws SQLException {
        Instant first = ExecutionSeries.bucketStart(from, bucket);
        int count = Math.toIntExact(ExecutionSeries.bucketCount(from, to, bucket));
        HealthSignals.Latency baseline = signals.p95(first.minus(settings.baseline()), first);
        int maxConnections = signals.maxConnections();
        List<HealthPoint> history = signals.windows(first, bucket, count, settings.anomalyWindow()).stream()
                .map(w -> new HealthPoint(
                        w.start(),
                        w.ok() + w.failed() == 0 && w.samples() == 0
                                ? OptionalDouble.empty()
                                : assess(w, baseline, maxConnections, "the bucket")
                                        .score()))
                .toList();
        return new HealthReport(now(now).view(), bucket.toSeconds(), history);
    }

    private HealthAssessment assess(
            HealthSignals.Window w, HealthSignals.Latency baseline, int maxConnections, String window) {
        HealthInputs inputs = new HealthInputs(
                w.ok(),
                w.failed(),
                w.p95Ms(),
                baseline.n(),
                baseline.p95Ms(),
                w.samples(),
                w.cpu(),
                w.memory(),
                w.cacheHit(),
                w.connections(),
                OptionalInt.of(maxConnections),
                w.locks(),
                w.highAnomalies());
        return settings.scorer().assess(inputs.readings(settings.latencyMinSamples(), window));
    }
}
