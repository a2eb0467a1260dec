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
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeout;
import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.gateway.QueryOutcome;
import io.dwpilot.gateway.QuerySubmission;
import io.dwpilot.gateway.RefusedRequest;
import io.dwpilot.persistence.query.LoggedQuery;
import io.dwpilot.persistence.query.QueryLogRepository;
import io.dwpilot.persistence.query.QueryResult;
import io.dwpilot.persistence.query.QueryScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The query API under /api/v1/queries: execute, explain, history, one execution, statistics per fingerprint, and the
 * charts (time series, histogram).
 */
public final class QueryRoutes {
    /** Set by the workload simulator: the simulated time at which it sent the statement (logged as simulated_at). */
    public static final String SIMULATED_AT = "X-Dwpilot-Simulated-At";

    /** Time for the gateway to answer after a statement's own timeout (cancelling it, logging). */
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(5);

    /** What explain answers: PostgreSQL's plan, never run, and the id the request was logged under. */
    public record ExplainResponse(OptionalLong queryId, String fingerprint, String statementKind, JsonNode plan) {}

    /**
     * What execute answers; no query id (null) when the database could not give one at the time. When {@code
     * truncated}, {@code truncatedReason} says which cap cut the rows: "rows" (the request's maxRows) or "bytes"
     * (dwpilot.gateway.max-result-bytes); null otherwise.
     */
    public record ExecuteResponse(
            OptionalLong queryId,
            String fingerprint,
            String statementKind,
            List<String> tables,
            List<QueryResult.Column> columns,
            List<List<Object>> rows,
            long rowCount,
            boolean truncated,
            String truncatedReason,
            double executionTimeMs,
            double queueTimeMs) {
        static ExecuteResponse of(QueryOutcome o) {
            QueryResult r = o.result();
            return new ExecuteResponse(
                    o.queryId(),
                    o.fingerprint(),
                    o.statementKind(),
                    o.tables(),
                    r.columns(),
                    r.rows(),
                    r.rowCount(),
                    r.truncated(),
                    r.truncation().map(QueryResult.Truncation::label).orElse(null),
                    r.executionTime().toNanos() / 1e6,
                    o.queueTimeMs());
        }
    }

    /** One logged execution with the newest plan of its fingerprint. */
    public record QueryDetail(LoggedQuery query, JsonNode plan) {}

    private final QueryGateway gateway;
    private final QueryLogRepository logs;
    private final Authenticator authenticator;
    private final Executor blocking;
    private final MeterRegistry metrics;
    private final QueryCharts charts;

    QueryRoutes(
            QueryGateway gateway,
            QueryLogRepository logs,
            QueryCharts charts,
            Authenticator authenticator,
            Executor blocking,
            MeterRegistry metrics) {
        this.gateway = gateway;
        this.logs = logs;
        this.charts = charts;
        this.authenticator = authenticator;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    public Route route() {
        return pathPrefix(
                segment("api").slash("v1").slash("queries"),
                () -> concat(
                        path("execute", () -> post(() -> submission(this::execute))),
                        path("explain", () -> post(() -> submission(this::explain))),
                        Authenticated.caller(
                                authenticator,
                                caller -> concat(
                                        // the reads cover only the caller's own statements unless it has the workload
                                        // view
                                        path(
                                                "history",
                                                () -> get(() -> parameterMap(params -> BlockingRoute.respond(
                                                        blocking,
                                                        () -> Json.response(
                                                                StatusCodes.OK,
                                                                logs.history(QueryParameters.historyFilter(
                                                                        params, caller.queryScope()))))))),
                                        path(
                                                "statistics",
                                                () -> get(() -> parameterMap(params -> BlockingRoute.respond(
                                                        blocking,
                                                        () -> Json.response(
                                                                StatusCodes.OK,
                                                                logs.statistics(QueryParameters.statisticsFilter(
                                                                        params, caller.queryScope()))))))),
                                        path(
                                                "timeseries",
                                                () -> get(() -> parameterMap(params -> BlockingRoute.respond(
                                                        blocking,
                                                        () -> Json.response(
                                                                StatusCodes.OK,
                                                                charts.timeseries(params, caller.queryScope())))))),
                                        path(
                                                "histogram",
                                                () -> get(() -> parameterMap(params -> BlockingRoute.respond(
                                                        blocking,
                                                        () -> Json.response(
                                                                StatusCodes.OK,
                                                                charts.histogram(params, caller.queryScope())))))),
                                        path(
                                                longSegment(),
                                                id -> get(() -> BlockingRoute.respond(
                                                        blocking, () -> detail(id, caller.queryScope()))))))));
    }

    /**
     * Reads a statement request and hands it to {@code handler}; a request refused on the way (no valid token, a
     * body that is no request, a header the caller may not send) is answered here and logged like any other.
     */
    private Route submission(Function<QuerySubmission, Route> handler) {
        return optionalHeaderValueByName(
                "Authorization",
                authorization -> optionalHeaderValueByName(
                        SIMULATED_AT,
                        simulatedAt -> entity(Unmarshaller.entityToByteString(), bytes -> {
                            byte[] body = bytes.toArray();
                            Optional<Caller> caller = authenticator.authenticate(authorization);
                            if (caller.isEmpty()) {
                                gateway.logRefused(new RefusedRequest(
                                        new String(body, StandardCharsets.UTF_8),
                                        RefusedRequest.UNAUTHENTICATED,
                                        RefusedRequest.NO_ROLE,
                                        "unauthorized",
                                        Authenticated.UNAUTHORIZED,
                                        simulatedAt.flatMap(QueryRoutes::instant)));
                                return Authenticated.unauthorized();
                            }
                            SubmissionReader.Result read = SubmissionReader.read(body, caller.get(), simulatedAt);
                            if (read instanceof SubmissionReader.Refused refused) {
                                gateway.logRefused(new RefusedRequest(
                                        refused.text(),
                                        caller.get().userId(),
                                        caller.get().role().label(),
                                        refused.code(),
                                        refused.message(),
                                        refused.simulatedAt()));
                                return complete(
                                        ApiErrors.of(refused.status(), refused.code(), refused.message(), null));
                            }
                            QuerySubmission submission = ((SubmissionReader.Valid) read).submission();
                            // past the gateway's own deadline PostgreSQL has cancelled the statement and the
                            // gateway answered: the server's shorter default must not cut it off before that
                            return withRequestTimeout(
                                    gateway.deadlineFor(submission).plus(DEADLINE_MARGIN),
                                    request -> ApiErrors.of(
                                            StatusCodes.GATEWAY_TIMEOUT,
                                            "timeout",
                                            "The gateway did not answer within the statement's timeout and"
                                                    + " admission wait",
                                            null),
                                    () -> handler.apply(submission));
                        })));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Route execute(QuerySubmission submission) {
        Timer.Sample sample = Timer.start(metrics);
        CompletionStage<HttpResponse> response = gateway.execute(submission).handle((outcome, failure) -> {
            HttpResponse r = failure == null
                    ? Json.response(StatusCodes.OK, ExecuteResponse.of(outcome))
                    : ApiErrors.toResponse(failure);
            sample.stop(metrics.timer(
                    "dwpilot.queries.execute",
                    "status",
                    Integer.toString(r.status().intValue())));
            return r;
        });
        return completeWithFuture(response);
    }

    private Route explain(QuerySubmission submission) {
        return completeWithFuture(gateway.explain(submission).handle((outcome, failure) -> {
            if (failure != null) {
                return ApiErrors.toResponse(failure);
            }
            try {
                return Json.response(
                        StatusCodes.OK,
                        new ExplainResponse(
                                outcome.queryId(),
                                outcome.fingerprint(),
                                outcome.statementKind(),
                                Json.MAPPER.readTree(outcome.planJson())));
            } catch (JsonProcessingException e) {
                return ApiErrors.toResponse(e);
            }
        }));
    }

    /** Another user's execution is as unknown as a missing one (404), so that ids tell nothing about others. */
    private HttpResponse detail(long id, QueryScope scope) throws Exception {
        Optional<LoggedQuery> query = logs.find(id, scope);
        if (query.isEmpty()) {
            return ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", "No logged execution with id " + id, null);
        }
        JsonNode plan = null;
        if (query.get().fingerprint().isPresent()) {
            Optional<String> json = logs.latestPlan(query.get().fingerprint().get(), scope);
            plan = json.isPresent() ? Json.MAPPER.readTree(json.get()) : null;
        }
        return Json.response(StatusCodes.OK, new QueryDetail(query.get(), plan));
    }
}
