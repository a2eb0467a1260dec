package io.dwpilot.http;

import static io.dwpilot.http.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who sees whose statements, through the assembled front door on a real PostgreSQL: two analysts run statements of
 * one shape (and bob one of his own); each analyst sees only its own in the history, a statement's detail, the
 * statistics, the charts and the cost model's predictions, while an operator and an admin (the workload view) see
 * both.
 */
class WorkloadViewApiTest {
    private static final String ANN = "ann-analyst-0123456789";
    private static final String BOB = "bob-analyst-0123456789";
    private static final String OPERATOR = "olga-operator-0123456789";
    private static final String ADMIN = "ada-admin-0123456789";
    private static final String SIMULATOR = "sim-simulator-0123456789";
    private static final String SHARED_SHAPE = "SELECT count(*) FROM gold.items WHERE bucket = ";
    private static final String BOBS_SECRET = "SELECT max(id) FROM gold.items WHERE id < 4242";
    private static Database db;
    private static ActorSystem<Void> system;
    private static FrontDoor frontDoor;
    private static ApiCalls api;
    private static final List<Long> annIds = new ArrayList<>();
    private static final List<Long> bobIds = new ArrayList<>();
    /** Selects the statements run here, not the rows a test writes straight into the log at another time. */
    private static String since;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.newWarehouse("workload_view");
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gold.items AS SELECT g AS id, g % 10 AS bucket FROM generate_series(1, 100) g");
        }
        Config config = ConfigFactory.parseString("""
                dwpilot.http.auth.tokens = [
                  { token = "%s", user = "ann", role = analyst },
                  { token = "%s", user = "bob", role = analyst },
                  { token = "%s", user = "olga", role = operator },
                  { token = "%s", user = "ada", role = admin },
                  { token = "%s", user = "sim", role = simulator } ]
                dwpilot.gateway.log.flush-interval = 20ms
                """.formatted(ANN, BOB, OPERATOR, ADMIN, SIMULATOR))
                .withFallback(ConfigFactory.load())
                .resolve();
        system = ActorSystem.create(Behaviors.empty(), "workload-view", config);
        Readiness readiness = new Readiness();
        readiness.markReady();
        frontDoor = FrontDoor.start(config, db, system, "127.0.0.1", 0, readiness);
        api = new ApiCalls(frontDoor.port());

        since = "from=" + encode(Instant.now().minusSeconds(60).toString());
        for (int bucket = 1; bucket <= 3; bucket++) {
            annIds.add(execute(ANN, SHARED_SHAPE + bucket));
        }
        bobIds.add(execute(BOB, SHARED_SHAPE + 7));
        bobIds.add(execute(BOB, SHARED_SHAPE + 8));
        bobIds.add(execute(BOB, BOBS_SECRET));
        awaitLogged(annIds.size() + bobIds.size());
    }

    @AfterAll
    static void stop() {
        frontDoor.close();
        system.terminate();
        db.close();
    }

    @Test
    void anAnalystsHistoryHoldsOnlyItsOwnStatementsWhateverItFiltersBy() throws Exception {
        JsonNode anns = get("/api/v1/queries/history?size=500&" + since, ANN);
        assertThat(anns.get("total").asLong()).isEqualTo(3);
        assertThat(anns.get("items").findValuesAsText("userId")).containsOnly("ann");
        assertThat(ids(anns)).containsExactlyInAnyOrderElementsOf(annIds);
        assertThat(get("/api/v1/queries/history?user=bob", ANN).get("total").asLong())
                .isZero();
        assertThat(get("/api/v1/queries/history?text=" + encode("id < 4242"), ANN)
                        .get("total")
                        .asLong())
                .isZero();

        for (String viewer : List.of(OPERATOR, ADMIN)) {
            JsonNode bobs = get("/api/v1/queries/history?user=bob&size=500&" + since, viewer);
            assertThat(ids(bobs)).containsExactlyInAnyOrderElementsOf(bobIds);
            assertThat(get("/api/v1/queries/history?size=500&" + since, viewer)
                            .get("total")
                            .asLong())
                    .isEqualTo(6);
        }
    }

    @Test
    void anotherUsersStatementIsNotFoundExactlyAsAMissingOne() throws Exception {
        long secret = bobIds.get(2);
        JsonNode hidden = json(api.send("GET", "/api/v1/queries/" + secret, ANN, null), 404);
        JsonNode missing = json(api.send("GET", "/api/v1/queries/999999999", ANN, null), 404);
        assertThat(hidden.get("error").asText())
                .isEqualTo(missing.get("error").asText())
                .isEqualTo("not_found");
        assertThat(hidden.toString()).doesNotContain("4242").doesNotContain("bob");

        assertThat(get("/api/v1/queries/" + annIds.get(0), ANN)
                        .get("query")
                        .get("userId")
                        .asText())
                .isEqualTo("ann");
        assertThat(get("/api/v1/queries/" + secret, BOB)
                        .get("query")
                        .get("queryText")
                        .asText())
                .isEqualTo(BOBS_SECRET);
        for (String viewer : List.of(OPERATOR, ADMIN)) {
            assertThat(get("/api/v1/queries/" + secret, viewer)
                            .get("query")
                            .get("queryText")
                            .asText())
                    .isEqualTo(BOBS_SECRET);
        }
    }

    @Test
    void statisticsAndChartsAreComputedOverTheCallersOwnExecutions() throws Exception {
        String shared = fingerprintOf(annIds.get(0));
        Map<String, Long> anns = executionsByFingerprint(get("/api/v1/queries/statistics?" + since, ANN));
        assertThat(anns).containsExactly(Map.entry(shared, 3L));
        assertThat(get("/api/v1/queries/statistics?text=" + encode("id <"), ANN))
                .isEmpty();
        Map<String, Long> olgas = executionsByFingerprint(get("/api/v1/queries/statistics?" + since, OPERATOR));
        assertThat(olgas).containsEntry(shared, 5L).hasSize(2);
        assertThat(executionsByFingerprint(get("/api/v1/queries/statistics?" + since, ADMIN)))
                .isEqualTo(olgas);

        assertThat(get("/api/v1/queries/histogram?table=gold.items", ANN)
                        .get("total")
                        .asLong())
                .isEqualTo(3);
        assertThat(get("/api/v1/queries/histogram?table=gold.items", OPERATOR)
                        .get("total")
                        .asLong())
                .isEqualTo(6);
        assertThat(count(get("/api/v1/queries/timeseries?fingerprint=" + shared, ANN)))
                .isEqualTo(3);
        assertThat(count(get("/api/v1/queries/timeseries?fingerprint=" + shared, BOB)))
                .isEqualTo(2);
        assertThat(count(get("/api/v1/queries/timeseries?fingerprint=" + shared, OPERATOR)))
                .isEqualTo(5);
    }

    @Test
    void theCostModelsPredictionsAreTheCallersOwnWithoutTheWorkloadView() throws Exception {
        Instant at = Instant.parse("2026-02-02T10:00:00Z");
        WarehouseRows rows = new WarehouseRows(db);
        long anns = rows.execution("ann", "fp-p", "ok", 10, at, 20.0, null, "gold.sales_summary");
        long bobs = rows.execution("bob", "fp-p", "ok", 30, at.plusSeconds(1), 30.0, null, "gold.sales_summary");
        String range = "/api/v1/ml/predictions?from=2026-02-02T09:00:00Z&to=2026-02-02T11:00:00Z";

        JsonNode own = get(range, ANN);
        assertThat(own.get("n").asInt()).isEqualTo(1);
        assertThat(own.get("points").findValuesAsText("queryId")).containsExactly(Long.toString(anns));
        assertThat(get(range, OPERATOR).get("points").findValuesAsText("queryId"))
                .containsExactly(Long.toString(bobs), Long.toString(anns));
    }

    @Test
    void theSessionSaysWhoViewsTheWorkloadAndTheScanOfEveryonesExecutionsNeedsIt() throws Exception {
        Map<String, Boolean> expected = Map.of(ANN, false, OPERATOR, true, ADMIN, true, SIMULATOR, false);
        for (Map.Entry<String, Boolean> e : expected.entrySet()) {
            JsonNode session = get("/api/v1/session", e.getKey());
            assertThat(session.get("workloadView").asBoolean())
                    .as(session.get("user").asText())
                    .isEqualTo(e.getValue());
        }
        assertThat(get("/api/v1/session", SIMULATOR).get("role").asText()).isEqualTo("simulator");

        for (String without : List.of(ANN, SIMULATOR)) {
            JsonNode refused = json(api.send("POST", "/api/v1/ml/detect/anomalies", without, "{}"), 403);
            assertThat(refused.get("error").asText()).isEqualTo("forbidden");
        }
        // with the view it gets as far as the missing anomaly model
        json(api.send("POST", "/api/v1/ml/detect/anomalies", OPERATOR, "{}"), 409);
    }

    private static long execute(String token, String sql) throws Exception {
        return json(
                        api.send(
                                "POST",
                                "/api/v1/queries/execute",
                                token,
                                Json.MAPPER.writeValueAsString(Map.of("sql", sql))),
                        200)
                .get("queryId")
                .asLong();
    }

    /** The query log is written in batches: waits until the admin sees every execution. */
    private static void awaitLogged(int executions) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (get("/api/v1/queries/history?size=500", ADMIN).get("total").asLong() >= executions) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(executions + " executions were never logged");
    }

    private static String fingerprintOf(long queryId) throws Exception {
        return get("/api/v1/queries/" + queryId, ADMIN)
                .get("query")
                .get("fingerprint")
                .asText();
    }

    private static Map<String, Long> executionsByFingerprint(JsonNode statistics) {
        Map<String, Long> out = new LinkedHashMap<>();
        statistics.forEach(
                s -> out.put(s.get("fingerprint").asText(), s.get("executions").asLong()));
        return out;
    }

    private static long count(JsonNode timeseries) {
        long total = 0;
        for (JsonNode point : timeseries.get("points")) {
            total += point.get("count").asLong();
        }
        return total;
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> out = new ArrayList<>();
        page.get("items").forEach(item -> out.add(item.get("queryId").asLong()));
        return out;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode get(String path, String token) throws Exception {
        return json(api.send("GET", path, token, null), 200);
    }
}
