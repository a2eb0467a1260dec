package io.dwpilot.http;

import io.dwpilot.models.latency.DurationBins;
import io.dwpilot.persistence.query.ExecutionHistogram;
import io.dwpilot.persistence.query.ExecutionSeries;
import io.dwpilot.persistence.query.QueryScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The two charts of the queries pages: executions over time ({@code /queries/timeseries}, wall-clock buckets, every
 * bucket present) and the distribution of execution times ({@code /queries/histogram}, over the history's filters),
 * both of the statements in the caller's scope, as the history beside them (their filters would otherwise probe
 * other users' statements).
 */
final class QueryCharts {
    /** The time series picks the smallest automatic bucket that gives at most this many. */
    private static final long AUTO_MAX_BUCKETS = 400;

    public record Point(
            Instant bucket,
            long count,
            long failed,
            OptionalDouble avgMs,
            OptionalDouble p50Ms,
            OptionalDouble p95Ms,
            OptionalDouble p99Ms,
            OptionalDouble maxMs) {}

    public record Timeseries(Instant from, Instant to, long bucketSeconds, List<Point> points) {}

    public record Bands(long fast, long moderate, long slow) {}

    public record Histogram(
            long total, List<DurationBins.Bin> bins, Bands bands, DashboardSettings.Thresholds thresholds) {}

    private final ExecutionSeries series;
    private final ExecutionHistogram histogram;
    private final DashboardSettings settings;
    private final Clock clock;

    QueryCharts(ExecutionSeries series, ExecutionHistogram histogram, DashboardSettings settings, Clock clock) {
        this.series = series;
        this.histogram = histogram;
        this.settings = settings;
        this.clock = clock;
    }

    Timeseries timeseries(Map<String, String> params, QueryScope scope) throws Exception {
        QueryParameters.Range range = QueryParameters.range(params, Duration.ofHours(1), clock.instant());
        Duration bucket = Buckets.choose(params, range, AUTO_MAX_BUCKETS);
        List<Point> points =
                series
                        .buckets(range.from(), range.to(), bucket, QueryParameters.text(params, "fingerprint"), scope)
                        .stream()
                        .map(b -> new Point(
                                b.start(),
                                b.executions(),
                                b.failed(),
                                b.avgMs(),
                                b.p50Ms(),
                                b.p95Ms(),
                                b.p99Ms(),
                                b.maxMs()))
                        .toList();
        return new Timeseries(range.from(), range.to(), bucket.toSeconds(), points);
    }

    Histogram histogram(Map<String, String> params, QueryScope scope) throws Exception {
        ExecutionHistogram.Counts counts = histogram.count(
                QueryParameters.historyFilter(params, scope),
                DurationBins.edges(),
                settings.moderateQueryMs(),
                settings.slowQueryMs());
        return new Histogram(
                counts.total(),
                DurationBins.of(counts.counts()),
                new Bands(counts.fast(), counts.moderate(), counts.slow()),
                settings.thresholds());
    }
}
