package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.optionalHeaderValueByName;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.dwpilot.gateway.Caller;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseHealth;
import io.dwpilot.persistence.WarehouseSummary;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/health}: whether the server is up (to anyone: load balancers and the simulator ask without a
 * token), and for a caller with a valid token which database is in use, whether it answers and what the warehouse
 * holds; where the database is and as whom it is reached only for admins.
 */
public final class HealthRoutes {
    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);

    /** What anyone sees: UP when ready and the database answers, STARTING while it prepares the warehouse, or DOWN. */
    public record Status(String status, String phase, Instant checkedAt) {}

    /** What a caller with a valid token sees. */
    public record Health(
            String status,
            String phase,
            Instant checkedAt,
            long uptimeSeconds,
            DatabaseView database,
            Optional<WarehouseSummary> warehouse) {}

    /**
     * The database as a caller sees it: its JDBC URL, user and failure message (which may name host and user) are an
     * admin's to see.
     */
    public record DatabaseView(
            boolean up,
            String mode,
            Optional<String> url,
            Optional<String> user,
            String serverVersion,
            String schemaVersion,
            List<String> extensions,
            double latencyMs,
            String message) {
        static DatabaseView of(DatabaseHealth db, boolean admin) {
            return new DatabaseView(
                    db.up(),
                    db.mode(),
                    Optional.of(db.url()).filter(url -> admin),
                    Optional.of(db.user()).filter(user -> admin),
                    db.serverVersion(),
                    db.schemaVersion(),
                    db.extensions(),
                    db.latencyMs(),
                    admin || db.up()
                            ? db.message()
                            : "the database does not answer (an admin's health check says why)");
        }
    }

    private final Database database;
    private final Readiness readiness;
    private final Authenticator authenticator;
    private final Executor blocking;
    private final Instant startedAt = Instant.now();

    public HealthRoutes(Database database, Readiness readiness, Authenticator authenticator, Executor blocking) {
        this.database = database;
        this.readiness = readiness;
        this.authenticator = authenticator;
        this.blocking = blocking;
    }

    /** Public: a missing or wrong token gets the status alone, never a 401. */
    public Route route() {
        return path(
                segment("api").slash("v1").slash("health"),
                () -> get(() -> optionalHeaderValueByName("Authorization", header -> {
                    Optional<Caller> caller = authenticator.authenticate(header);
                    return completeWithFuture(CompletableFuture.supplyAsync(() -> respond(caller), blocking));
                })));
    }

    private HttpResponse respond(Optional<Caller> caller) {
        DatabaseHealth db = DatabaseHealth.check(database);
        String status = !db.up() ? "DOWN" : readiness.ready() ? "UP" : "STARTING";
        Instant now = Instant.now();
        Object body = caller.<Object>map(c -> new Health(
                        status,
                        readiness.phase(),
                        now,
                        Duration.between(startedAt, now).toSeconds(),
                        DatabaseView.of(db, c.isAdmin()),
                        warehouse(db)))
                .orElseGet(() -> new Status(status, readiness.phase(), now));
        return Json.response(status.equals("UP") ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, body);
    }

    private Optional<WarehouseSummary> warehouse(DatabaseHealth db) {
        if (!db.up()) {
            return Optional.empty();
        }
        try {
            return Optional.of(WarehouseSummary.read(database.probePool()));
        } catch (SQLException e) {
            log.warn("Health check could not read the warehouse summary: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
