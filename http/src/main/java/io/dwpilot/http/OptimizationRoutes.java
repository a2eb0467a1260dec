package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.agents.indexer.AnalysisRun;
import io.dwpilot.agents.indexer.Indexer;
import io.dwpilot.agents.indexer.IndexerControls;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.gateway.Caller;
import io.dwpilot.persistence.indexing.OptimizationFilter;
import io.dwpilot.persistence.indexing.OptimizationIndexRef;
import io.dwpilot.persistence.indexing.OptimizationRecord;
import io.dwpilot.persistence.indexing.OptimizationRepository;
import io.dwpilot.persistence.indexing.OptimizationStatus;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The indexer's work for people (issue 5): its index recommendations from metadata.optimization_history, apply and
 * reject (admin), a workload analysis on demand (admin; answered at once with 202 and a status resource), its mode (changing it is an admin's), and the whole
 * optimization history of every agent. Reads are JDBC on the blocking executor; actions are asks of the indexer.
 */
public final class OptimizationRoutes {
    private static final int DEFAULT_LIMIT = 50;
    /** The longest mode or reason a body may hold: a reason is a sentence or two for the decision log. */
    private static final int MAX_REASON = 1000;
    /** The history rows of the indexer's recommended indexes (one per index); its analyses are another type. */
    private static final String CREATE_INDEX = "create_index";
    /** Where an analysis started through the API tells its state. */
    private static final String ANALYSES_PATH = "/api/v1/optimization/indexes/analyses/";

    private static final String STATUSES = Arrays.stream(OptimizationStatus.values())
            .map(OptimizationStatus::dbValue)
            .collect(Collectors.joining(", "));

    /** One history row as the API shows it; {@code ddl} is the row's target, {@code details} its JSON object. */
    public record OptimizationView(
            long id,
            String agent,
            String type,
            String status,
            boolean applied,
            Optional<OptimizationIndexRef> index,
            Optional<String> ddl,
            String reason,
            List<String> fingerprints,
            OptionalDouble estimatedGain,
            OptionalDouble performanceGain,
            OptionalDouble pValue,
            JsonNode details,
            Instant recommendedAt,
            Optional<Instant> appliedAt,
            Optional<Instant> verifiedAt,
            Optional<Instant> droppedAt) {
        static OptimizationView of(OptimizationRecord r) {
            try {
                return new OptimizationView(
                        r.id(),
                        r.agent(),
                        r.recommendationType(),
                        r.status().dbValue(),
                        r.applied(),
                        r.index(),
                        r.target(),
                        r.reason(),
                        r.fingerprints(),
                        r.estimatedGain(),
                        r.performanceGain(),
                        r.pValue(),
                        Json.MAPPER.readTree(r.detailsJson()),
                        r.recommendedAt(),
                        r.appliedAt(),
                        r.verifiedAt(),
                        r.droppedAt());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("optimization " + r.id() + " holds details that are no JSON", e);
            }
        }
    }

    /** What {@code GET /api/v1/optimization/indexes} answers. */
    public record IndexesView(List<OptimizationView> indexes) {}

    /** What {@code GET /api/v1/optimization/history} answers. */
    public record HistoryView(List<OptimizationView> optimizations) {}

    /** What an action answers: the indexer's own words. */
    public record Message(String message) {}

    /** The indexer's mode: {@code automatic} or {@code recommend-only}. */
    public record ModeView(String mode) {}

    /** One deciding agent's mode (null without a switch) and its effective settings. */
    public record AgentSettingsView(String agent, Optional<String> mode, Map<String, String> settings) {}

    /** What {@code GET /api/v1/optimization/settings} answers. */
    public record SettingsView(List<AgentSettingsView> agents) {}

    /** What {@code POST .../indexes/analyze} answers (202): the analysis started, or the one already running. */
    public record AnalysisStarted(String analysisId, String status, String statusUrl) {}

    /**
     * What {@code GET .../indexes/analyses/{id}} answers: {@code running}, {@code done} with the indexer's summary, or
     * {@code failed} with its words; times are wall-clock.
     */
    public record AnalysisView(
            String analysisId,
            String status,
            Instant startedAt,
            Optional<Instant> finishedAt,
            Optional<String> summary,
            Optional<String> message) {
        static AnalysisView of(AnalysisRun run) {
            return new AnalysisView(
                    run.id(), label(run.status()), run.startedAt(), run.finishedAt(), run.summary(), run.message());
        }
    }

    private final IndexerControls indexer;
    private final OptimizationRepository history;
    private final AgentSettings settings;
    private final Executor blocking;

    OptimizationRoutes(
            IndexerControls indexer, OptimizationRepository history, AgentSettings settings, Executor blocking) {
        this.indexer = indexer;
        this.history = history;
        this.settings = settings;
        this.blocking = blocking;
    }

    /** The routes for an authenticated caller (authentication is wired by whoever mounts them). */
    public Route route(Caller caller) {
        return pathPrefix(
                segment("api").slash("v1").slash("optimization"),
                () -> concat(
                        pathPrefix("indexes", () -> indexes(caller)),
                        path(
                                "history",
                                () -> get(() -> parameterMap(params -> list(
                                        params,
                                        QueryParameters.text(params, "agent"),
                                        QueryParameters.text(params, "type"),
                                        HistoryView::new)))),
                        path(
                                "settings",
                                () -> get(() ->
                                        answer(StatusCodes.OK, indexer.mode().thenApply(this::settings))))));
    }

    /** Only the indexer has a switch; the other agents always act on their own. */
    private SettingsView settings(Mode indexerMode) {
        return new SettingsView(settings.byAgent().entrySet().stream()
                .map(e -> new AgentSettingsView(
                        e.getKey(),
                        e.getKey().equals(Indexer.NAME) ? Optional.of(label(indexerMode)) : Optional.empty(),
                        e.getValue()))
                .toList());
    }

    private Route indexes(Caller caller) {
        return concat(
                pathEndOrSingleSlash(() -> get(() -> parameterMap(params ->
                        list(params, Optional.of(Indexer.NAME), Optional.of(CREATE_INDEX), IndexesView::new)))),
                path(
                        "mode",
                        () -> concat(
                                get(() ->
                                        answer(StatusCodes.OK, indexer.mode().thenApply(OptimizationRoutes::modeView))),
                                put(() -> Authenticated.admin(
                                        caller,
                                        () -> JsonBody.required(
                                                "{\"mode\": \"recommend-only\", \"reason\": \"why\"}",
                                                this::setMode))))),
                path("analyze", () -> post(() -> Authenticated.admin(caller, () -> complete(startAnalysis())))),
                path(segment("analyses").slash(segment()), id -> get(() -> complete(analysis(id)))),
                path(longSegment(), id -> get(() -> BlockingRoute.respond(blocking, () -> recommendation(id)))),
                path(
                        longSegment().slash("apply"),
                        id -> post(() -> Authenticated.admin(
                                caller,
                                () -> answer(
                                        StatusCodes.ACCEPTED,
                                        indexer.apply(id, caller.userId()).thenApply(Message::new))))),
                path(
                        longSegment().slash("reject"),
                        id -> post(() -> Authenticated.admin(
                                caller,
                                () -> JsonBody.optional(
                                        "{\"reason\": \"why\"}",
                                        body -> reject(
                                                caller,
                                                id,
                                                body.only(Set.of("reason"))
                                                        .text("reason", MAX_REASON)
                                                        .orElse("")))))));
    }

    /** Answers at once: an analysis plans every candidate and may take minutes, longer than a request may last. */
    private HttpResponse startAnalysis() {
        AnalysisRun run = indexer.startAnalysis();
        String statusUrl = ANALYSES_PATH + run.id();
        return Json.response(StatusCodes.ACCEPTED, new AnalysisStarted(run.id(), label(run.status()), statusUrl))
                .addHeader(Location.create(statusUrl));
    }

    private HttpResponse analysis(String id) {
        return indexer.analysis(id)
                .map(run -> Json.response(StatusCodes.OK, AnalysisView.of(run)))
                .orElseGet(() -> ApiErrors.of(
                        StatusCodes.NOT_FOUND,
                        "not_found",
                        "no analysis with this id among the last ones since the server started",
                        null));
    }

    private static String label(AnalysisRun.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private Route list(
            Map<String, String> params,
            Optional<String> agent,
            Optional<String> type,
            Function<List<OptimizationView>, Object> body) {
        return BlockingRoute.respond(
                blocking,
                () -> Json.response(
                        StatusCodes.OK,
                        body.apply(history.list(filter(params, agent, type)).stream()
                                .map(OptimizationView::of)
                                .toList())));
    }

    private HttpResponse recommendation(long id) throws Exception {
        return history.find(id)
                .filter(r ->
                        r.agent().equals(Indexer.NAME) && r.recommendationType().equals(CREATE_INDEX))
                .map(r -> Json.response(StatusCodes.OK, OptimizationView.of(r)))
                .orElseGet(
                        () -> ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", "no index recommendation " + id, null));
    }

    private Route reject(Caller caller, long id, String reason) {
        return answer(
                StatusCodes.OK, indexer.reject(id, caller.userId(), reason).thenApply(Message::new));
    }

    private Route setMode(JsonBody body) {
        body.only(Set.of("mode", "reason"));
        Mode mode = mode(body.requiredText("mode", MAX_REASON));
        String reason = body.text("reason", MAX_REASON).orElse(null);
        return answer(StatusCodes.OK, indexer.setMode(mode, reason).thenApply(OptimizationRoutes::modeView));
    }

    private static Route answer(StatusCode status, CompletionStage<?> body) {
        return completeWithFuture(
                body.thenApply(b -> Json.response(status, b)).exceptionally(IndexerErrors::toResponse));
    }

    private static OptimizationFilter filter(Map<String, String> p, Optional<String> agent, Optional<String> type) {
        return new OptimizationFilter(
                agent,
                type,
                statuses(p),
                QueryParameters.text(p, "fingerprint"),
                QueryParameters.integer(p, "limit", DEFAULT_LIMIT, 1, OptimizationFilter.MAX_LIMIT),
                QueryParameters.integer(p, "offset", 0, 0, Integer.MAX_VALUE));
    }

    private static Set<OptimizationStatus> statuses(Map<String, String> p) {
        return QueryParameters.text(p, "status").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> {
                    try {
                        return OptimizationStatus.of(s);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "status must be a comma-separated list of " + STATUSES + ", got " + s);
                    }
                })
                .collect(Collectors.toSet());
    }

    private static ModeView modeView(Mode mode) {
        return new ModeView(label(mode));
    }

    private static String label(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Mode mode(String label) {
        return Arrays.stream(Mode.values())
                .filter(m -> label(m).equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("mode must be one of "
                        + Arrays.stream(Mode.values())
                                .map(OptimizationRoutes::label)
                                .collect(Collectors.joining(", ")) + ", got " + Quoted.prefix(label)));
    }
}
