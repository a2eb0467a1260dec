package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.dwpilot.persistence.metrics.DatabaseStatistics;
import io.dwpilot.persistence.metrics.MetricsBucket;
import io.dwpilot.persistence.metrics.MetricsGranularity;
import io.dwpilot.persistence.metrics.SystemMetricsRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The system metrics API under /api/v1/metrics: the latest sample, bucketed history, and the database's own
 * statistics (sizes, use and pools, read live).
 */
public final class SystemMetricsRoutes {
    /** At most this many buckets per history request. */
    static final long MAX_BUCKETS = 10_000;

    /** What history answers. */
    public record HistoryResponse(Instant start, Instant end, String granularity, List<MetricsBucket> buckets) {}

    private record HistoryRequest(Instant start, Instant end, MetricsGranularity granularity) {}

    private final SystemMetricsRepository metrics;
    private final DatabaseStatistics database;
    private final Executor blocking;

    public SystemMetricsRoutes(SystemMetricsRepository metrics, DatabaseStatistics database, Executor blocking) {
        this.metrics = metrics;
        this.database = database;
        this.blocking = blocking;
    }

    public Route route() {
        return pathPrefix(
                segment("api").slash("v1").slash("metrics"),
                () -> concat(
                        path("current", () -> get(() -> BlockingRoute.respond(blocking, this::current))),
                        path("history", () -> get(() -> parameterMap(this::history))),
                        path(
                                "database",
                                () -> get(() -> BlockingRoute.respond(
                                        blocking, () -> Json.response(StatusCodes.OK, database.read()))))));
    }

    private HttpResponse current() throws Exception {
        return metrics.latest()
                .map(s -> Json.response(StatusCodes.OK, s))
                .orElseGet(
                        () -> ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", "No system metrics sampled yet", null));
    }

    private Route history(Map<String, String> params) {
        HistoryRequest request;
        try {
            request = historyRequest(params, Instant.now());
        } catch (IllegalArgumentException e) {
            return complete(ApiErrors.badRequest(e.getMessage()));
        }
        return BlockingRoute.respond(
                blocking,
                () -> Json.response(
                        StatusCodes.OK,
                        new HistoryResponse(
                                request.start(),
                                request.end(),
                                request.granularity().field(),
                                metrics.history(request.start(), request.end(), request.granularity()))));
    }

    /** Defaults: end now, start an hour before end, granularity minute. */
    private static HistoryRequest historyRequest(Map<String, String> params, Instant now) {
        MetricsGranularity granularity = QueryParameters.text(params, "granularity")
                .map(MetricsGranularity::parse)
                .orElse(MetricsGranularity.MINUTE);
        Instant end = QueryParameters.instant(params, "end").orElse(now);
        Instant start = QueryParameters.instant(params, "start").orElse(end.minus(Duration.ofHours(1)));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end, got " + start + " and " + end);
        }
        long buckets = Duration.between(start, end).dividedBy(granularity.width());
        if (buckets > MAX_BUCKETS) {
            throw new IllegalArgumentException("start to end spans " + buckets + " " + granularity.field()
                    + " buckets, at most " + MAX_BUCKETS + " are allowed; use a coarser granularity");
        }
        return new HistoryRequest(start, end, granularity);
    }
}
