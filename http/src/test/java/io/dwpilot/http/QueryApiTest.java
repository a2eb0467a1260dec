package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query API end to end over HTTP, on a real PostgreSQL, with tokens and roles. */
class QueryApiTest {
    private static final String ADMIN = "admin-token-0123456789";
    private static final String ANALYST = "analyst-token-0123456789";
    private static final String SIMULATOR = "simulator-token-0123456789";
    private static Database database;
    private static ActorSystem<Void> system;
    private static FrontDoor frontDoor;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws SQLException {
        database = TestPostgres.newWarehouse("query_api");
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gold.items AS SELECT g AS id, g % 10 AS bucket, now() AS made_at"
                    + " FROM generate_series(1, 500) g");
        }
        Config config = ConfigFactory.parseString("""
                dwpilot.http.auth.tokens = [
                  { token = "%s", user = "ada", role = admin },
                  { token = "%s", user = "alan", role = analyst },
                  { token = "%s", user = "sim", role = simulator } ]
                dwpilot.gateway.max-concurrent = 2
                dwpilot.gateway.admission-wait = 100ms
                dwpilot.gateway.log.flush-interval = 20ms
                pekko.http.server.request-timeout = 2s
                dwpilot.gateway.max-result-bytes = 1MiB
                """.formatted(ADMIN, ANALYST, SIMULATOR))
                .withFallback(ConfigFactory.load())
                .resolve();
        system = ActorSystem.create(Behaviors.empty(), "query-api-test", config);
        Readiness readiness = new Readiness();
        readiness.markReady();
        frontDoor = FrontDoor.start(config, database, system, "127.0.0.1", 0, readiness);
    }

    @AfterAll
    static void stop() {
        frontDoor.close();
        system.terminate();
        database.close();
    }

    @Test
    void executeReturnsRowsAndTheExecutionCanBeLookedUp() throws Exception {
        HttpResponse<String> response = post(
                "/api/v1/queries/execute",
                ANALYST,
                "{\"sql\": \"SELECT id, made_at FROM gold.items WHERE bucket = 4 ORDER BY id\", \"maxRows\": 3}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("rows")).hasSize(3);
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("truncatedReason").asText()).isEqualTo("rows");
        assertThat(body.get("tables").get(0).asText()).isEqualTo("gold.items");
        assertThat(body.get("rows").get(0).get(1).asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        long id = body.get("queryId").asLong();

        JsonNode detail = awaitLogged(id);
        assertThat(detail.get("query").get("userId").asText()).isEqualTo("alan");
        assertThat(detail.get("query").get("simulatedAt").isNull()).isTrue();
        assertThat(detail.get("query").get("status").asText()).isEqualTo("ok");
        assertThat(get("/api/v1/queries/999999999", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void aWideResultIsCutAtTheByteCapAndSaysSo() throws Exception {
        HttpResponse<String> response = post(
                "/api/v1/queries/execute",
                ANALYST,
                "{\"sql\": \"SELECT g, repeat('x', 100000) FROM generate_series(1, 600) g\", \"maxRows\": 1000}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("truncatedReason").asText()).isEqualTo("bytes");
        assertThat(body.get("rows").size()).isBetween(1, 600 - 1);
        assertThat(response.body().length())
                .as("the response stays near the 1 MiB cap, not the 60 MB the statement produced")
                .isBetween(1 << 19, (1 << 20) + (1 << 16));
        assertThat(awaitLogged(body.get("queryId").asLong())
                        .get("query")
                        .get("truncated")
                        .asBoolean())
                .isTrue();

        JsonNode whole = Json.MAPPER.readTree(post("/api/v1/queries/execute", ANALYST, "{\"sql\": \"SELECT 1\"}")
                .body());
        assertThat(whole.get("truncated").asBoolean()).isFalse();
        assertThat(whole.get("truncatedReason").isNull()).isTrue();
    }

    @Test
    void theSimulatorsClockIsLoggedBesideTheWallClock() throws Exception {
        HttpResponse<String> response = http.send(
                request("/api/v1/queries/execute", SIMULATOR)
                        .header("Content-Type", "application/json")
                        .header(QueryRoutes.SIMULATED_AT, "2030-01-06T08:30:00Z")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 42\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        long id = Json.MAPPER.readTree(response.body()).get("queryId").asLong();
        assertThat(awaitLogged(id).get("query").get("simulatedAt").asText()).isEqualTo("2030-01-06T08:30:00Z");

        HttpResponse<String> bad = http.send(
                request("/api/v1/queries/execute", SIMULATOR)
                        .header("Content-Type", "application/json")
                        .header(QueryRoutes.SIMULATED_AT, "tomorrow")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT 42\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void rolesAndTokensAreEnforced() throws Exception {
        assertThat(post("/api/v1/queries/execute", null, "{\"sql\": \"SELECT 1\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(post("/api/v1/queries/execute", "wrong-token-0123456789", "{\"sql\": \"SELECT 1\"}")
                        .statusCode())
                .isEqualTo(401);
        HttpResponse<String> forbidden =
                post("/api/v1/queries/execute", ANALYST, "{\"sql\": \"DELETE FROM gold.items WHERE id = 1\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("\"error\":\"forbidden\"");
        assertThat(get("/api/v1/anomalies", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/anomalies", ANALYST).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/metrics/current", null).statusCode()).isEqualTo(401);
        HttpResponse<String> allowed = post(
                "/api/v1/queries/execute", ADMIN, "{\"sql\": \"UPDATE gold.items SET bucket = bucket WHERE id <= 2\"}");
        assertThat(Json.MAPPER.readTree(allowed.body()).get("rowCount").asLong())
                .isEqualTo(2);
    }

    @Test
    void errorsAreJsonWithFittingStatus() throws Exception {
        HttpResponse<String> bad =
                post("/api/v1/queries/execute", ADMIN, "{\"sql\": \"SELECT id FROM gold.items WHER id = 1\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(bad.body());
        assertThat(error.get("error").asText()).isEqualTo("invalid_sql");
        assertThat(error.get("message").asText()).contains("syntax error");
        assertThat(error.get("detail").get("position").asInt()).isPositive();

        HttpResponse<String> slow =
                post("/api/v1/queries/execute", ADMIN, "{\"sql\": \"SELECT pg_sleep(3)\", \"timeoutMs\": 200}");
        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(slow.body()).contains("200 ms");

        assertThat(post("/api/v1/queries/execute", ADMIN, "{not json").statusCode())
                .isEqualTo(400);
        assertThat(post("/api/v1/queries/execute", ADMIN, "{\"sql\": \"  \"}").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/queries/history?size=0", ADMIN).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/queries/history?from=yesterday", ADMIN).body()).contains("ISO instant");
    }

    @Test
    void aStatementAllowedLongerThanTheServersRequestTimeoutRunsToItsEnd() throws Exception {
        // the server's request timeout is 2 s here; the statement may run 5 s
        HttpResponse<String> response =
                post("/api/v1/queries/execute", ADMIN, "{\"sql\": \"SELECT pg_sleep(2.5)\", \"timeoutMs\": 5000}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(response.body()).get("executionTimeMs").asDouble())
                .isGreaterThan(2_400);
    }

    @Test
    void saturationAnswers503WithRetryAfter() {
        CompletableFuture<HttpResponse<String>> first = postAsync("{\"sql\": \"SELECT pg_sleep(1)\"}");
        CompletableFuture<HttpResponse<String>> second = postAsync("{\"sql\": \"SELECT pg_sleep(1)\"}");
        sleep(300);
        HttpResponse<String> third = postAsync("{\"sql\": \"SELECT 1\"}").join();
        assertThat(third.statusCode()).isEqualTo(503);
        assertThat(third.headers().firstValue("Retry-After")).isPresent();
        assertThat(first.join().statusCode()).isEqualTo(200);
        assertThat(second.join().statusCode()).isEqualTo(200);
    }

    @Test
    void historyFiltersSortsAndPaginatesAndStatisticsGroupByFingerprint() throws Exception {
        for (int i = 1; i <= 12; i++) {
            assertThat(post(
                                    "/api/v1/queries/execute",
                                    ADMIN,
                                    "{\"sql\": \"SELECT count(*) FROM gold.items WHERE id > " + i + "\"}")
                            .statusCode())
                    .isEqualTo(200);
        }
        JsonNode page = awaitHistory(
                "/api/v1/queries/history?text=WHERE%20id%20%3E&user=ada&size=5&page=1&sort=query_id&order=asc", 12);
        assertThat(page.get("items")).hasSize(5);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        long firstOnPage = page.get("items").get(0).get("queryId").asLong();
        assertThat(page.get("items").get(1).get("queryId").asLong()).isGreaterThan(firstOnPage);
        String fingerprint = page.get("items").get(0).get("fingerprint").asText();

        JsonNode sameShape = Json.MAPPER.readTree(
                get("/api/v1/queries/history?fingerprint=" + fingerprint, ADMIN).body());
        assertThat(sameShape.get("total").asLong()).isEqualTo(12);
        JsonNode byTable = Json.MAPPER.readTree(get("/api/v1/queries/history?table=gold.items&status=ok&minMs=0", ADMIN)
                .body());
        assertThat(byTable.get("total").asLong()).isGreaterThanOrEqualTo(12);

        JsonNode stats =
                Json.MAPPER.readTree(get("/api/v1/queries/statistics", ADMIN).body());
        JsonNode mine = null;
        for (JsonNode s : stats) {
            if (s.get("fingerprint").asText().equals(fingerprint)) {
                mine = s;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("executions").asLong()).isEqualTo(12);
        assertThat(mine.get("p95Ms").asDouble())
                .isGreaterThanOrEqualTo(mine.get("p50Ms").asDouble());
    }

    @Test
    void explainOpenApiAndMetricsAnswer() throws Exception {
        HttpResponse<String> explain =
                post("/api/v1/queries/explain", ANALYST, "{\"sql\": \"SELECT * FROM gold.items WHERE id = 5\"}");
        assertThat(explain.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER
                        .readTree(explain.body())
                        .get("plan")
                        .get(0)
                        .get("Plan")
                        .get("Total Cost")
                        .asDouble())
                .isPositive();
        assertThat(post("/api/v1/queries/explain", ANALYST, "{\"sql\": \"SELECT * FROM nowhere\"}")
                        .statusCode())
                .isEqualTo(400);

        JsonNode openapi =
                Json.MAPPER.readTree(get("/api/v1/openapi.json", null).body());
        assertThat(openapi.get("paths").has("/api/v1/queries/execute")).isTrue();

        post("/api/v1/queries/execute", ADMIN, "{\"sql\": \"SELECT 1\"}");
        String metrics = get("/metrics", ADMIN).body();
        assertThat(metrics)
                .contains("dwpilot_gateway_executed_total")
                .contains("dwpilot_pool_active{pool=\"analyst\"}")
                .contains("dwpilot_queries_execute_seconds_count");
    }

    private static JsonNode awaitLogged(long id) throws Exception {
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = get("/api/v1/queries/" + id, ADMIN);
            if (r.statusCode() == 200) {
                return Json.MAPPER.readTree(r.body());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("query " + id + " was never logged");
    }

    private static JsonNode awaitHistory(String path, long total) throws Exception {
        for (int i = 0; i < 50; i++) {
            JsonNode page = Json.MAPPER.readTree(get(path, ADMIN).body());
            if (page.get("total").asLong() >= total) {
                return page;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("history never reached " + total + " rows");
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(String body) {
        return http.sendAsync(
                request("/api/v1/queries/execute", ADMIN)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, String body)
            throws IOException, InterruptedException {
        return http.send(
                request(path, token)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontDoor.port() + path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
