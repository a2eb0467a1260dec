package io.dwpilot.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A front door on a fresh warehouse with one token per API role, a canary table every role may read and only the
 * admin may write, and a superuser connection to the same database for checking what the callers could not see.
 */
final class SecurityFixture implements AutoCloseable {
    static final String ANALYST = "analyst-token-security-0123";
    static final String OPERATOR = "operator-token-security-0123";
    static final String ADMIN = "admin-token-security-0123456";
    static final String SIMULATOR = "simulator-token-security-012";
    static final String CANARY = "gold.security_canary";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Database database;
    private final ActorSystem<Void> system;
    final FrontDoor frontDoor;
    private final String superuserUrl;

    private SecurityFixture(Database database, ActorSystem<Void> system, FrontDoor frontDoor, String superuserUrl) {
        this.database = database;
        this.system = system;
        this.frontDoor = frontDoor;
        this.superuserUrl = superuserUrl;
    }

    static SecurityFixture start(String prefix) throws SQLException {
        return start(prefix, Duration.ofSeconds(10));
    }

    /** @param connectTimeout how long a pool waits for a connection: short where a test cuts the database off */
    static SecurityFixture start(String prefix, Duration connectTimeout) throws SQLException {
        DatabaseSettings fresh = TestPostgres.newDatabase(prefix);
        Database database = Database.open(fresh.withConnectTimeout(connectTimeout));
        database.migrate();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + CANARY + " (id int PRIMARY KEY, note text NOT NULL)");
            s.execute("INSERT INTO " + CANARY + " SELECT g, 'row ' || g FROM generate_series(1, 100) g");
        }
        Config config = ConfigFactory.parseString("""
                dwpilot.http.auth.tokens = [
                  { token = "%s", user = "ana", role = analyst },
                  { token = "%s", user = "otto", role = operator },
                  { token = "%s", user = "ada", role = admin },
                  { token = "%s", user = "sim", role = simulator } ]
                dwpilot.gateway.log.flush-interval = 20ms
                """.formatted(ANALYST, OPERATOR, ADMIN, SIMULATOR))
                .withFallback(ConfigFactory.load())
                .resolve();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), prefix, config);
        Readiness readiness = new Readiness();
        readiness.markReady();
        FrontDoor frontDoor = FrontDoor.start(config, database, system, "127.0.0.1", 0, readiness);
        String url = database.url();
        String superuserUrl =
                TestPostgres.adminUrl().replaceFirst("/[^/?]*(\\?.*)?$", url.substring(url.lastIndexOf('/')));
        return new SecurityFixture(database, system, frontDoor, superuserUrl);
    }

    HttpResponse<String> execute(String token, String sql) throws Exception {
        return post("/api/v1/queries/execute", token, body(sql), Optional.empty());
    }

    HttpResponse<String> explain(String token, String sql) throws Exception {
        return post("/api/v1/queries/explain", token, body(sql), Optional.empty());
    }

    HttpResponse<String> post(String path, String token, String body, Optional<String> simulatedAt) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontDoor.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        simulatedAt.ifPresent(at -> request.header(QueryRoutes.SIMULATED_AT, at));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String body(String sql) throws Exception {
        return Json.MAPPER.writeValueAsString(Map.of("sql", sql));
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    /** A superuser session on this test's database: to check what no caller could reach. */
    Connection superuser() throws SQLException {
        return DriverManager.getConnection(superuserUrl, "postgres", "");
    }

    String superuserScalar(String sql) throws SQLException {
        try (Connection c = superuser();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Waits until the query log holds every row offered so far. */
    void awaitLogWritten() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (frontDoor.gateway().stats().log().waiting() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the query log still has rows waiting after 60 s");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        frontDoor.close();
        system.terminate();
        database.close();
    }
}
