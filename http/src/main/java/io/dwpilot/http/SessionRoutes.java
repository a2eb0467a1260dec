package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.dwpilot.gateway.Caller;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/v1/session}: who the caller is, whether it views every user's statements or only its own, whether
 * the server wants tokens, and the speed thresholds the dashboard colours executions by.
 */
public final class SessionRoutes {
    public record Session(
            String user,
            String role,
            boolean workloadView,
            boolean tokensRequired,
            DashboardSettings.Thresholds thresholds) {}

    private final boolean tokensRequired;
    private final DashboardSettings settings;

    public SessionRoutes(boolean tokensRequired, DashboardSettings settings) {
        this.tokensRequired = tokensRequired;
        this.settings = settings;
    }

    /** The route for an authenticated caller (authentication is wired by whoever mounts it). */
    public Route route(Caller caller) {
        return path(
                segment("api").slash("v1").slash("session"),
                () -> get(() -> complete(Json.response(
                        StatusCodes.OK,
                        new Session(
                                caller.userId(),
                                caller.role().label(),
                                caller.mayViewWorkload(),
                                tokensRequired,
                                settings.thresholds())))));
    }
}
