package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/metrics/health?from&to[&bucketSeconds]} (the score now and over time) and
 * {@code GET /api/v1/alerts}.
 */
final class HealthScoreRoutes {
    /** Without a range, the last day. */
    private static final Duration DEFAULT_SPAN = Duration.ofDays(1);
    /** The history picks the smallest round bucket that gives at most this many points. */
    private static final long AUTO_MAX_BUCKETS = 100;

    private final HealthScores health;
    private final AlertList alerts;
    private final Clock clock;
    private final Executor blocking;

    HealthScoreRoutes(HealthScores health, AlertList alerts, Clock clock, Executor blocking) {
        this.health = health;
        this.alerts = alerts;
        this.clock = clock;
        this.blocking = blocking;
    }

    Route route() {
        return concat(
                path(
                        segment("api").slash("v1").slash("metrics").slash("health"),
                        () -> get(() -> parameterMap(params -> BlockingRoute.respond(blocking, () -> report(params))))),
                path(
                        segment("api").slash("v1").slash("alerts"),
                        () -> get(() -> BlockingRoute.respond(
                                blocking, () -> Json.response(StatusCodes.OK, alerts.at(clock.instant()))))));
    }

    private HttpResponse report(Map<String, String> params) throws Exception {
        Instant now = clock.instant();
        QueryParameters.Range range = QueryParameters.range(params, DEFAULT_SPAN, now);
        Duration bucket = Buckets.choose(params, range, AUTO_MAX_BUCKETS);
        return Json.response(StatusCodes.OK, health.report(range.from(), range.to(), bucket, now));
    }
}
