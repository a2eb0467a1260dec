package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.access.RoleLimits;
import io.dwpilot.persistence.access.RoleNames;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A runaway statement over HTTP, stopped by its role's temp_file_limit: a 422 that names the limit. The roles are
 * this test's own (ra_*), with a limit small enough to reach at once, dropped afterwards.
 */
class ResourceLimitApiTest {
    private static final String ANALYST = "analyst-token-0123456789";
    private static final RoleNames ROLES = new RoleNames("ra_owner", "ra_agents", "ra_analyst", "ra_admin");
    private static final HttpClient http = HttpClient.newHttpClient();
    private static String databaseUrl;
    private static Database database;
    private static ActorSystem<Void> system;
    private static FrontDoor frontDoor;

    @BeforeAll
    static void start() {
        DatabaseSettings settings = TestPostgres.newDatabase("resource_limit_api");
        databaseUrl = settings.url().orElseThrow();
        database = Database.open(settings.withAccess(settings.access()
                .withRoles(ROLES)
                .withLimits(DatabaseRole.ANALYST, RoleLimits.none().withTempFileLimit("2MB"))));
        database.migrate();
        Config config = ConfigFactory.parseString("""
                dwpilot.http.auth.tokens = [ { token = "%s", user = "alan", role = analyst } ]
                dwpilot.gateway.log.flush-interval = 20ms
                """.formatted(ANALYST))
                .withFallback(ConfigFactory.load())
                .resolve();
        system = ActorSystem.create(Behaviors.empty(), "resource-limit-api-test", config);
        Readiness readiness = new Readiness();
        readiness.markReady();
        frontDoor = FrontDoor.start(config, database, system, "127.0.0.1", 0, readiness);
    }

    @AfterAll
    static void stop() throws SQLException {
        frontDoor.close();
        system.terminate();
        database.close();
        TestPostgres.dropDatabaseAndRoles(
                databaseUrl, List.of(ROLES.agents(), ROLES.analyst(), ROLES.admin(), ROLES.owner()));
    }

    @Test
    void aStatementBeyondItsRolesTemporaryFileLimitIsA422NamingTheLimit() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontDoor.port() + "/api/v1/queries/execute"))
                        .header("Authorization", "Bearer " + ANALYST)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT count(*) FROM (SELECT *"
                                + " FROM generate_series(1, 1e9) ORDER BY 1) s\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("resource_limit");
        assertThat(body.get("message").asText())
                .contains("temp_file_limit (2048kB)")
                .contains("dwpilot.security.limits.analyst.temp-file-limit");
        assertThat(body.get("detail").get("sqlState").asText()).isEqualTo("53400");
    }
}
