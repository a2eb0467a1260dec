package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dwpilot.gateway.Caller;
import io.dwpilot.persistence.observations.AckResult;
import io.dwpilot.persistence.observations.AnomalyFilter;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastRepository;
import io.dwpilot.persistence.observations.NewAnomaly;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What dwpilot observed: GET /api/v1/anomalies (paged, filtered), POST /api/v1/anomalies/{id}/ack (idempotent),
 * GET /api/v1/forecasts?target= (the latest forecast of a target) and GET /api/v1/forecasts/history (forecast against
 * actual).
 */
public final class ObservationRoutes {
    static final int DEFAULT_PAGE_SIZE = 50;

    private final AnomalyRepository anomalies;
    private final ForecastRepository forecasts;
    private final ForecastTrack track;
    private final Executor blocking;

    ObservationRoutes(
            AnomalyRepository anomalies, ForecastRepository forecasts, ForecastTrack track, Executor blocking) {
        this.anomalies = anomalies;
        this.forecasts = forecasts;
        this.track = track;
        this.blocking = blocking;
    }

    /** The routes for an authenticated caller (authentication is wired by whoever mounts them). */
    public Route route(Caller caller) {
        return concat(
                pathPrefix(
                        segment("api").slash("v1").slash("anomalies"),
                        () -> concat(
                                pathEndOrSingleSlash(() -> get(() -> parameterMap(params -> BlockingRoute.respond(
                                        blocking,
                                        () -> Json.response(StatusCodes.OK, anomalies.list(filter(params))))))),
                                path(
                                        longSegment().slash("ack"),
                                        id -> post(() ->
                                                BlockingRoute.respond(blocking, () -> acknowledge(caller, id)))))),
                path(
                        segment("api").slash("v1").slash("forecasts"),
                        () -> get(() ->
                                parameterMap(params -> BlockingRoute.respond(blocking, () -> latestForecast(params))))),
                path(
                        segment("api").slash("v1").slash("forecasts").slash("history"),
                        () -> get(() -> parameterMap(params -> BlockingRoute.respond(
                                blocking, () -> Json.response(StatusCodes.OK, track.read(params)))))));
    }

    private HttpResponse acknowledge(Caller caller, long id) throws Exception {
        AckResult result = anomalies.acknowledge(id, caller.userId());
        if (result.status() == AckResult.Status.NOT_FOUND) {
            return ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", "No anomaly with id " + id, null);
        }
        ObjectNode body = Json.MAPPER.valueToTree(result.anomaly().orElseThrow());
        body.put("ackStatus", result.status().name().toLowerCase(Locale.ROOT));
        return Json.response(StatusCodes.OK, body);
    }

    private HttpResponse latestForecast(Map<String, String> params) throws Exception {
        String target = QueryParameters.text(params, "target").orElse("total");
        Optional<Forecast> forecast = forecasts.latest(target);
        if (forecast.isEmpty()) {
            return ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", "No forecast for target " + target, null);
        }
        return Json.response(StatusCodes.OK, forecast.get());
    }

    static AnomalyFilter filter(Map<String, String> p) {
        Optional<String> severity = QueryParameters.text(p, "severity").map(s -> s.toLowerCase(Locale.ROOT));
        if (severity.isPresent() && !NewAnomaly.SEVERITIES.contains(severity.get())) {
            throw new IllegalArgumentException("severity must be low, medium or high, got " + severity.get());
        }
        Optional<Boolean> acknowledged = QueryParameters.text(p, "acknowledged")
                .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("acknowledged must be true or false, got " + v);
                });
        var from = QueryParameters.instant(p, "from");
        var to = QueryParameters.instant(p, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to");
        }
        return new AnomalyFilter(
                from,
                to,
                QueryParameters.text(p, "kind"),
                severity,
                acknowledged,
                QueryParameters.integer(p, "page", 0, 0, Integer.MAX_VALUE),
                QueryParameters.integer(p, "size", DEFAULT_PAGE_SIZE, 1, AnomalyFilter.MAX_PAGE_SIZE));
    }
}
