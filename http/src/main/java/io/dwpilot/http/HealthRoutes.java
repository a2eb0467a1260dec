package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseHealth;
import io.dwpilot.persistence.Migrations;
import io.dwpilot.persistence.WarehouseSummary;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/health}: which database is in use, whether it answers, and what the warehouse holds. */
public final class HealthRoutes {
    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);

    /** status is UP when ready and the database answers, STARTING while the warehouse is prepared, else DOWN. */
    public record Health(String status, String phase, Instant checkedAt, long uptimeSeconds, DatabaseHealth database,
                         Optional<WarehouseSummary> warehouse) {
    }

    private final Database database;
    private final Migrations migrations;
    private final Readiness readiness;
    private final Executor blocking;
    private final Instant startedAt = Instant.now();

    public HealthRoutes(Database database, Migrations migrations, Readiness readiness, Executor blocking) {
        this.database = database;
        this.migrations = migrations;
        this.readiness = readiness;
        this.blocking = blocking;
    }

    public Route route() {
        return path(segment("api").slash("v1").slash("health"), () -> get(() ->
                completeWithFuture(CompletableFuture.supplyAsync(this::respond, blocking))));
    }

    private HttpResponse respond() {
        Health health = check();
        return Json.response(health.status().equals("UP") ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, health);
    }

    Health check() {
        DatabaseHealth db = DatabaseHealth.check(database, migrations);
        Optional<WarehouseSummary> warehouse = Optional.empty();
        if (db.up()) {
            try {
                warehouse = Optional.of(WarehouseSummary.read(database.systemPool()));
            } catch (SQLException e) {
                log.warn("Health check could not read the warehouse summary: {}", e.getMessage());
            }
        }
        String status = !db.up() ? "DOWN" : readiness.ready() ? "UP" : "STARTING";
        return new Health(status, readiness.phase(), Instant.now(),
                Duration.between(startedAt, Instant.now()).toSeconds(), db, warehouse);
    }
}
