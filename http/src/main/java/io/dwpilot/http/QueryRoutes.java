package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.agents.gateway.Caller;
import io.dwpilot.agents.gateway.QueryGateway;
import io.dwpilot.agents.gateway.QueryOutcome;
import io.dwpilot.agents.gateway.QuerySubmission;
import io.dwpilot.persistence.query.LoggedQuery;
import io.dwpilot.persistence.query.PlanStore;
import io.dwpilot.persistence.query.QueryLogRepository;
import io.dwpilot.persistence.query.QueryResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The query API under /api/v1/queries: execute, explain, history, one execution, statistics per fingerprint, and the
 * charts (time series, histogram).
 */
public final class QueryRoutes {
    /** Set by the workload simulator: the simulated time at which it sent the statement (logged as simulated_at). */
    public static final String SIMULATED_AT = "X-Dwpilot-Simulated-At";

    /** The body of execute and explain. */
    public record QueryBody(String sql, Integer maxRows, Long timeoutMs) {
    }

    /** What execute answers; no query id (null) when the database could not give one at the time. */
    public record ExecuteResponse(OptionalLong queryId, String fingerprint, String statementKind, List<String> tables,
                                  List<QueryResult.Column> columns, List<List<Object>> rows, long rowCount,
                                  boolean truncated, double executionTimeMs, double queueTimeMs) {
        static ExecuteResponse of(QueryOutcome o) {
            QueryResult r = o.result();
            return new ExecuteResponse(o.queryId(), o.fingerprint(), o.statementKind(), o.tables(), r.columns(),
                    r.rows(), r.rowCount(), r.truncated(), r.executionTime().toNanos() / 1e6, o.queueTimeMs());
        }
    }

    /** One logged execution with the newest plan of its fingerprint. */
    public record QueryDetail(LoggedQuery query, JsonNode plan) {
    }

    private final QueryGateway gateway;
    private final QueryLogRepository logs;
    private final PlanStore explainer;
    private final Authenticator authenticator;
    private final Executor blocking;
    private final MeterRegistry metrics;
    private final QueryCharts charts;

    QueryRoutes(QueryGateway gateway, QueryLogRepository logs, QueryCharts charts, PlanStore explainer,
                Authenticator authenticator, Executor blocking, MeterRegistry metrics) {
        this.gateway = gateway;
        this.logs = logs;
        this.charts = charts;
        this.explainer = explainer;
        this.authenticator = authenticator;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    public Route route() {
        return pathPrefix(segment("api").slash("v1").slash("queries"), () -> Authenticated.caller(authenticator, caller -> concat(
                path("execute", () -> post(() -> optionalHeaderValueByName(SIMULATED_AT, simulatedAt ->
                        entity(Jackson.unmarshaller(Json.MAPPER, QueryBody.class),
                                body -> execute(caller, body, simulatedAt))))),
                path("explain", () -> post(() -> entity(Jackson.unmarshaller(Json.MAPPER, QueryBody.class),
                        this::explain))),
                path("history", () -> get(() -> parameterMap(params -> BlockingRoute.respond(blocking, () ->
                        Json.response(StatusCodes.OK, logs.history(QueryParameters.historyFilter(params))))))),
                path("statistics", () -> get(() -> parameterMap(params -> BlockingRoute.respond(blocking, () ->
                        Json.response(StatusCodes.OK, logs.statistics(QueryParameters.statisticsFilter(params))))))),
                path("timeseries", () -> get(() -> parameterMap(params -> BlockingRoute.respond(blocking, () ->
                        Json.response(StatusCodes.OK, charts.timeseries(params)))))),
                path("histogram", () -> get(() -> parameterMap(params -> BlockingRoute.respond(blocking, () ->
                        Json.response(StatusCodes.OK, charts.histogram(params)))))),
                path(longSegment(), id -> get(() -> BlockingRoute.respond(blocking, () -> detail(id))))
        )));
    }

    private Route execute(Caller caller, QueryBody body, Optional<String> simulatedAtHeader) {
        if (body.sql() == null || body.sql().isBlank()) {
            return complete(ApiErrors.badRequest("sql is required"));
        }
        Optional<Instant> simulatedAt;
        try {
            simulatedAt = simulatedAtHeader.map(Instant::parse);
        } catch (DateTimeParseException e) {
            return complete(ApiErrors.badRequest(SIMULATED_AT + " must be an ISO instant, got " + simulatedAtHeader.get()));
        }
        QuerySubmission submission = new QuerySubmission(body.sql(), caller,
                body.maxRows() == null ? OptionalInt.empty() : OptionalInt.of(body.maxRows()),
                Optional.ofNullable(body.timeoutMs()).map(Duration::ofMillis), simulatedAt);
        Timer.Sample sample = Timer.start(metrics);
        CompletionStage<HttpResponse> response = gateway.execute(submission).handle((outcome, failure) -> {
            HttpResponse r = failure == null ? Json.response(StatusCodes.OK, ExecuteResponse.of(outcome))
                    : ApiErrors.toResponse(failure);
            sample.stop(metrics.timer("dwpilot.queries.execute", "status", Integer.toString(r.status().intValue())));
            return r;
        });
        return completeWithFuture(response);
    }

    private Route explain(QueryBody body) {
        if (body.sql() == null || body.sql().isBlank()) {
            return complete(ApiErrors.badRequest("sql is required"));
        }
        return BlockingRoute.respond(blocking, () -> Json.response(StatusCodes.OK,
                Map.of("plan", Json.MAPPER.readTree(explainer.explain(body.sql())))));
    }

    private HttpResponse detail(long id) throws Exception {
        Optional<LoggedQuery> query = logs.find(id);
        if (query.isEmpty()) {
            return ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", "No logged execution with id " + id, null);
        }
        JsonNode plan = null;
        if (query.get().fingerprint().isPresent()) {
            Optional<String> json = logs.latestPlan(query.get().fingerprint().get());
            plan = json.isPresent() ? Json.MAPPER.readTree(json.get()) : null;
        }
        return Json.response(StatusCodes.OK, new QueryDetail(query.get(), plan));
    }
}
