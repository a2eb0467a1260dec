package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.persistence.indexing.OptimizationRepository;
import io.dwpilot.persistence.indexing.OptimizationStatus;
import io.dwpilot.persistence.metrics.SystemMetricsRepository;
import io.dwpilot.persistence.metrics.SystemSample;
import io.dwpilot.persistence.ml.Accuracy;
import io.dwpilot.persistence.ml.OnlineAccuracy;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.query.ExecutionCounts;
import io.dwpilot.persistence.query.ExecutionSeries;
import io.dwpilot.persistence.query.QueryScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/v1/dashboard/overview?tz=}: the overview page's figures in one answer, by wall-clock time. */
public final class OverviewRoutes {
    /** The index recommendations, the optimizations the overview counts. */
    private static final String CREATE_INDEX = "create_index";

    private static final Duration HOUR = Duration.ofHours(1);

    public record Queries(long today, long yesterdaySameTime, long yesterday) {}

    public record Latency(
            long windowMinutes,
            OptionalDouble avgMs,
            OptionalDouble p95Ms,
            OptionalDouble previousAvgMs,
            OptionalDouble previousP95Ms) {}

    public record Minute(Instant minute, long count) {}

    public record Throughput(double qps, List<Minute> perMinute) {}

    public record SlowQueries(double thresholdMs, long today, long lastHour) {}

    public record Failures(long today, long lastHour) {}

    public record Optimizations(long active, Map<String, Long> byStatus) {}

    public record ModelAccuracy(
            String model, OptionalInt version, long n, OptionalDouble qErrorMedian, OptionalDouble qErrorP90) {}

    public record Anomalies(long unacknowledged, long unacknowledgedHigh) {}

    public record Overview(
            Instant at,
            String zone,
            Queries queries,
            Latency latency,
            Throughput throughput,
            SlowQueries slowQueries,
            Failures failures,
            Optimizations optimizations,
            ModelAccuracy modelAccuracy,
            OptionalDouble cacheHitRatio,
            Anomalies anomalies,
            HealthScores.HealthNow health) {}

    private final ExecutionCounts counts;
    private final ExecutionSeries series;
    private final OptimizationRepository optimizations;
    private final OnlineAccuracy accuracy;
    private final ActiveModels models;
    private final SystemMetricsRepository metrics;
    private final AnomalyRepository anomalies;
    private final HealthScores health;
    private final DashboardSettings settings;
    private final Clock clock;
    private final Executor blocking;

    public OverviewRoutes(
            DataSource dataSource,
            ActiveModels models,
            HealthScores health,
            DashboardSettings settings,
            Clock clock,
            Executor blocking) {
        this.counts = new ExecutionCounts(dataSource);
        this.series = new ExecutionSeries(dataSource);
        this.optimizations = new OptimizationRepository(dataSource);
        this.accuracy = new OnlineAccuracy(dataSource);
        this.models = models;
        this.metrics = new SystemMetricsRepository(dataSource);
        this.anomalies = new AnomalyRepository(dataSource);
        this.health = health;
        this.settings = settings;
        this.clock = clock;
        this.blocking = blocking;
    }

    public Route route() {
        return path(
                segment("api").slash("v1").slash("dashboard").slash("overview"),
                () -> get(() -> parameterMap(params -> BlockingRoute.respond(blocking, () -> overview(params)))));
    }

    private HttpResponse overview(Map<String, String> params) throws Exception {
        ZoneId zone = DayBoundaries.zone(QueryParameters.text(params, "tz").orElse("UTC"));
        Instant now = clock.instant();
        ExecutionCounts.Summary c =
                counts.summarize(DayBoundaries.of(now, zone), settings.healthWindow(), settings.slowQueryMs());
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        // the overview's figures are counts of the whole workload, without any statement's text: everyone sees them
        List<Minute> perMinute = series
                .buckets(minute.minus(HOUR), minute, Duration.ofMinutes(1), Optional.empty(), QueryScope.EVERYONE)
                .stream()
                .map(b -> new Minute(b.start(), b.executions()))
                .toList();
        Map<String, Long> byStatus = optimizations.countByStatus(CREATE_INDEX);
        long active = byStatus.getOrDefault(OptimizationStatus.APPLIED.dbValue(), 0L)
                + byStatus.getOrDefault(OptimizationStatus.KEPT.dbValue(), 0L);
        AnomalyRepository.Unacknowledged open = anomalies.unacknowledged();
        return Json.response(
                StatusCodes.OK,
                new Overview(
                        now,
                        zone.getId(),
                        new Queries(c.today(), c.yesterdaySameTime(), c.yesterday()),
                        new Latency(
                                settings.healthWindow().toMinutes(),
                                c.avgMs(),
                                c.p95Ms(),
                                c.previousAvgMs(),
                                c.previousP95Ms()),
                        new Throughput(c.lastMinute() / 60.0, perMinute),
                        new SlowQueries(settings.slowQueryMs(), c.slowToday(), c.slowLastHour()),
                        new Failures(c.failuresToday(), c.failuresLastHour()),
                        new Optimizations(active, byStatus),
                        modelAccuracy(),
                        metrics.latest()
                                .map(SystemSample::cacheHitRatio)
                                .map(OptionalDouble::of)
                                .orElse(OptionalDouble.empty()),
                        new Anomalies(open.all(), open.high()),
                        health.now(now).view()));
    }

    private ModelAccuracy modelAccuracy() throws Exception {
        Accuracy a = accuracy.recent(HOUR);
        OptionalInt version = models.get(ModelKind.COST)
                .map(s -> OptionalInt.of(s.version().version()))
                .orElse(OptionalInt.empty());
        return new ModelAccuracy(
                ModelKind.COST.name(), version, a.n(), measured(a.qErrorMedian()), measured(a.qErrorP90()));
    }

    /** Accuracy values are NaN when nothing was measured: null in the overview. */
    private static OptionalDouble measured(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
