package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.agents.runtime.AgentDirectory;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.persistence.PagedQuery;
import io.dwpilot.persistence.decisions.DecisionFilter;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.decisions.DecisionRow;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The agents: {@code GET /api/v1/agents} (each agent's status, last decision and counters, asked of the agents) and
 * {@code GET /api/v1/agents/decisions} (the journal's decisions from the read model, newest first, filtered, paged).
 */
public final class AgentRoutes {
    static final int DEFAULT_PAGE_SIZE = 50;

    /** What {@code GET /api/v1/agents} answers. */
    public record AgentsView(List<AgentStatus> agents) {}

    /** One decision as the API shows it: the read model's row with the event as JSON. */
    public record DecisionView(
            long ordering,
            String persistenceId,
            long sequenceNr,
            String agent,
            String kind,
            String channel,
            Instant decidedAt,
            Instant persistedAt,
            String summary,
            JsonNode event) {
        static DecisionView of(DecisionRow r) {
            try {
                return new DecisionView(
                        r.ordering(),
                        r.persistenceId(),
                        r.sequenceNr(),
                        r.agent(),
                        r.kind(),
                        r.channel(),
                        r.decidedAt(),
                        r.persistedAt(),
                        r.summary(),
                        Json.MAPPER.readTree(r.event()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("decision " + r.ordering() + " holds no JSON", e);
            }
        }
    }

    private final AgentDirectory directory;
    private final DecisionRepository decisions;
    private final Executor blocking;

    public AgentRoutes(AgentDirectory directory, DecisionRepository decisions, Executor blocking) {
        this.directory = directory;
        this.decisions = decisions;
        this.blocking = blocking;
    }

    /** The routes for an authenticated caller (authentication is wired by whoever mounts them). */
    public Route route() {
        return pathPrefix(
                segment("api").slash("v1").slash("agents"),
                () -> concat(
                        pathEndOrSingleSlash(() -> get(() -> completeWithFuture(directory
                                .statuses()
                                .thenApply(statuses -> Json.response(StatusCodes.OK, new AgentsView(statuses)))
                                .exceptionally(ApiErrors::toResponse)))),
                        path(
                                "decisions",
                                () -> get(() -> parameterMap(params -> BlockingRoute.respond(
                                        blocking,
                                        () -> Json.response(StatusCodes.OK, page(decisions.list(filter(params))))))))));
    }

    private static PagedQuery.Page<DecisionView> page(PagedQuery.Page<DecisionRow> rows) {
        List<DecisionView> items = new ArrayList<>(rows.items().size());
        rows.items().forEach(r -> items.add(DecisionView.of(r)));
        return new PagedQuery.Page<>(items, rows.page(), rows.size(), rows.total());
    }

    static DecisionFilter filter(Map<String, String> p) {
        var from = QueryParameters.instant(p, "from");
        var to = QueryParameters.instant(p, "to");
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw new IllegalArgumentException("from must be before to");
        }
        return new DecisionFilter(
                QueryParameters.text(p, "agent"),
                QueryParameters.text(p, "kind"),
                QueryParameters.text(p, "channel"),
                from,
                to,
                QueryParameters.integer(p, "page", 0, 0, Integer.MAX_VALUE),
                QueryParameters.integer(p, "size", DEFAULT_PAGE_SIZE, 1, DecisionFilter.MAX_PAGE_SIZE));
    }
}
