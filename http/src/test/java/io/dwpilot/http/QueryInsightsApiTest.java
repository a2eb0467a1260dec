package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query pages' reads through the assembled front door with an operator's token (the workload view: the history's
 * executions are another user's): time series, histogram, statistics and the cost model's predictions, over a history
 * written at known instants.
 */
class QueryInsightsApiTest {
    private static final String TOKEN = "insights-token-0123456789";
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final String RANGE = "from=2026-01-05T10:00:00Z&to=2026-01-05T10:10:00Z";
    private static Database db;
    private static ActorSystem<Void> system;
    private static FrontDoor frontDoor;
    private static ApiCalls api;
    private static long slowest;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.newWarehouse("query_insights");
        WarehouseRows rows = new WarehouseRows(db);
        // fp-fast: 0.5, 5, 50 ms in minute 0; fp-slow: 150, 2500 ms in minute 2 and an error; a timeout in minute 7
        rows.execution("fp-fast", "ok", 0.5, T0.plusSeconds(10), 1.0, null, "gold.sales_summary");
        rows.execution("fp-fast", "ok", 5, T0.plusSeconds(20), 5.0, null, "gold.sales_summary");
        rows.execution("fp-fast", "ok", 50, T0.plusSeconds(30), 25.0, null, "gold.sales_summary");
        rows.execution("fp-slow", "ok", 150, T0.plusSeconds(130), 300.0, null, "silver.sales_cleaned");
        slowest = rows.execution("fp-slow", "ok", 2500, T0.plusSeconds(140), 2500.0, null, "silver.sales_cleaned");
        rows.execution(
                "fp-slow", "error", 4, T0.plusSeconds(150), null, "relation does not exist", "silver.sales_cleaned");
        rows.execution(
                "fp-slow", "timeout", 30_000, T0.plusSeconds(420), null, "canceling statement", "silver.sales_cleaned");
        rows.execution("fp-slow", "rejected", 0, T0.plusSeconds(430), null, "saturated", "silver.sales_cleaned");
        rows.ok("fp-other", 70_000, T0.minusSeconds(3600));
        Config config = ConfigFactory.parseString(
                        "dwpilot.http.auth.tokens = [{token = \"" + TOKEN + "\", user = tester, role = operator}]")
                .withFallback(ConfigFactory.load());
        system = ActorSystem.create(Behaviors.empty(), "query-insights", config);
        frontDoor = FrontDoor.start(config, db, system, "127.0.0.1", 0, new Readiness());
        api = new ApiCalls(frontDoor.port());
    }

    @AfterAll
    static void stop() {
        frontDoor.close();
        system.terminate();
        db.close();
    }

    @Test
    void theTimeseriesHasEveryBucketOfTheRangeZerosIncluded() throws Exception {
        JsonNode series = get("/api/v1/queries/timeseries?" + RANGE);
        assertThat(series.get("bucketSeconds").asLong()).isEqualTo(60);
        assertThat(series.get("from").asText()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(series.get("to").asText()).isEqualTo("2026-01-05T10:10:00Z");
        JsonNode points = series.get("points");
        assertThat(points).hasSize(10);
        assertThat(points.get(0).get("bucket").asText()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(points.get(0).get("count").asLong()).isEqualTo(3);
        assertThat(points.get(0).get("avgMs").asDouble()).isCloseTo(55.5 / 3, within(1e-9));
        assertThat(points.get(0).get("p50Ms").asDouble()).isEqualTo(5);
        assertThat(points.get(0).get("maxMs").asDouble()).isEqualTo(50);
        assertThat(points.get(1).get("count").asLong()).isZero();
        assertThat(points.get(1).get("avgMs").isNull()).isTrue();
        assertThat(points.get(1).get("p99Ms").isNull()).isTrue();
        assertThat(points.get(2).get("count").asLong()).isEqualTo(3);
        assertThat(points.get(2).get("failed").asLong()).isEqualTo(1);
        assertThat(points.get(2).get("p95Ms").asDouble()).isCloseTo(150 + 0.95 * 2350, within(1e-9));
        assertThat(points.get(7).get("count").asLong()).isEqualTo(2);
        assertThat(points.get(7).get("failed").asLong()).isEqualTo(1);
        assertThat(points.get(7).get("avgMs").isNull()).isTrue();

        JsonNode slow = get("/api/v1/queries/timeseries?" + RANGE + "&bucketSeconds=300&fingerprint=fp-slow");
        assertThat(slow.get("points").findValuesAsText("bucket"))
                .containsExactly("2026-01-05T10:00:00Z", "2026-01-05T10:05:00Z");
        assertThat(slow.get("points").get(0).get("count").asLong()).isEqualTo(3);
        assertThat(slow.get("points").get(1).get("count").asLong()).isEqualTo(2);

        // a day picks five-minute buckets (288), a week hours (168); the default is the last hour by minute
        assertThat(get("/api/v1/queries/timeseries?from=2026-01-04T10:00:00Z&to=2026-01-05T10:00:00Z")
                        .get("bucketSeconds")
                        .asLong())
                .isEqualTo(300);
        assertThat(get("/api/v1/queries/timeseries?from=2025-12-29T10:00:00Z&to=2026-01-05T10:00:00Z")
                        .get("bucketSeconds")
                        .asLong())
                .isEqualTo(3600);
        assertThat(get("/api/v1/queries/timeseries").get("bucketSeconds").asLong())
                .isEqualTo(60);

        JsonNode tooMany = ApiCalls.json(
                api.send(
                        "GET",
                        "/api/v1/queries/timeseries?from=2026-01-01T00:00:00Z"
                                + "&to=2026-01-05T00:00:00Z&bucketSeconds=60",
                        TOKEN,
                        null),
                400);
        assertThat(tooMany.get("message").asText()).contains("5760 buckets").contains("use a larger bucketSeconds");
        ApiCalls.json(api.send("GET", "/api/v1/queries/timeseries?bucketSeconds=0", TOKEN, null), 400);
        ApiCalls.json(
                api.send(
                        "GET",
                        "/api/v1/queries/timeseries?" + "from=2026-01-05T10:10:00Z&to=2026-01-05T10:00:00Z",
                        TOKEN,
                        null),
                400);
    }

    @Test
    void theHistogramCountsEveryOneTwoFiveBinAndTheSpeedBands() throws Exception {
        JsonNode h = get("/api/v1/queries/histogram?" + RANGE);
        // rejected statements never ran: 7 executions with a time
        assertThat(h.get("total").asLong()).isEqualTo(7);
        JsonNode bins = h.get("bins");
        assertThat(bins).hasSize(16);
        assertThat(bins.get(0).get("lowMs").asDouble()).isZero();
        assertThat(bins.get(0).get("highMs").asDouble()).isEqualTo(1);
        assertThat(bins.get(15).get("lowMs").asDouble()).isEqualTo(60_000);
        assertThat(bins.get(15).get("highMs").isNull()).isTrue();
        long[] expected = new long[16];
        expected[0] = 1; // 0.5
        expected[2] = 1; // 4 (2-5)
        expected[3] = 1; // 5 (5-10)
        expected[6] = 1; // 50 (50-100)
        expected[7] = 1; // 150 (100-200)
        expected[11] = 1; // 2500 (2000-5000)
        expected[14] = 1; // 30000 (20000-60000)
        List<Long> counts = new ArrayList<>();
        bins.forEach(b -> counts.add(b.get("count").asLong()));
        assertThat(counts)
                .containsExactly(java.util.Arrays.stream(expected).boxed().toArray(Long[]::new));
        assertThat(h.get("bands").get("fast").asLong()).isEqualTo(4);
        assertThat(h.get("bands").get("moderate").asLong()).isEqualTo(1);
        assertThat(h.get("bands").get("slow").asLong()).isEqualTo(2);
        assertThat(h.get("thresholds").get("slowQueryMs").asDouble()).isEqualTo(1000);

        // the history's filters: fingerprint, status, duration, table
        assertThat(get("/api/v1/queries/histogram?" + RANGE + "&fingerprint=fp-slow&status=ok")
                        .get("total")
                        .asLong())
                .isEqualTo(2);
        assertThat(get("/api/v1/queries/histogram?" + RANGE + "&minMs=100")
                        .get("total")
                        .asLong())
                .isEqualTo(3);
        assertThat(get("/api/v1/queries/histogram?table=gold.sales_summary")
                        .get("bins")
                        .get(15)
                        .get("count")
                        .asLong())
                .isEqualTo(1);
        assertThat(ApiCalls.json(api.send("GET", "/api/v1/queries/histogram?minMs=fast", TOKEN, null), 400)
                        .get("message")
                        .asText())
                .contains("minMs");
    }

    @Test
    void statisticsSortFilterAndCarryKindTablesAndTheLastError() throws Exception {
        JsonNode byTotal = get("/api/v1/queries/statistics?" + RANGE);
        assertThat(byTotal.findValuesAsText("fingerprint")).containsExactly("fp-slow", "fp-fast");
        JsonNode slow = byTotal.get(0);
        assertThat(slow.get("statementKind").asText()).isEqualTo("select");
        assertThat(slow.get("tables").get(0).asText()).isEqualTo("silver.sales_cleaned");
        assertThat(slow.get("executions").asLong()).isEqualTo(2);
        assertThat(slow.get("errors").asLong()).isEqualTo(2);
        assertThat(slow.get("totalMs").asDouble()).isEqualTo(2650);
        assertThat(slow.get("lastError").asText()).isEqualTo("canceling statement");
        assertThat(slow.get("lastSeen").asText()).isEqualTo("2026-01-05T10:07:10Z");
        assertThat(byTotal.get(1).get("lastError").isNull()).isTrue();

        assertThat(get("/api/v1/queries/statistics?" + RANGE + "&sort=executions")
                        .findValuesAsText("fingerprint"))
                .containsExactly("fp-fast", "fp-slow");
        assertThat(get("/api/v1/queries/statistics?sort=max").findValuesAsText("fingerprint"))
                .containsExactly("fp-other", "fp-slow", "fp-fast");
        assertThat(get("/api/v1/queries/statistics?sort=errors&limit=1").findValuesAsText("fingerprint"))
                .containsExactly("fp-slow");
        assertThat(get("/api/v1/queries/statistics?fingerprint=fp-fast").findValuesAsText("fingerprint"))
                .containsExactly("fp-fast");
        // text matches the normalized text, case-insensitively, with LIKE's wildcards taken literally
        assertThat(get("/api/v1/queries/statistics?text=SILVER.sales").findValuesAsText("fingerprint"))
                .containsExactly("fp-slow");
        assertThat(get("/api/v1/queries/statistics?text=sales%25cleaned")).isEmpty();
        JsonNode bad = ApiCalls.json(api.send("GET", "/api/v1/queries/statistics?sort=median", TOKEN, null), 400);
        assertThat(bad.get("message").asText())
                .isEqualTo("sort must be one of total, mean, p95, max, executions, errors, got median");
    }

    @Test
    void predictionsComeWithTheirFit() throws Exception {
        JsonNode p = get("/api/v1/ml/predictions?" + RANGE + "&limit=4");
        assertThat(p.get("n").asInt()).isEqualTo(4);
        JsonNode points = p.get("points");
        assertThat(points.get(0).get("queryId").asLong()).isEqualTo(slowest);
        assertThat(points.get(0).get("predictedMs").asDouble()).isEqualTo(2500);
        assertThat(points.get(0).get("actualMs").asDouble()).isEqualTo(2500);
        assertThat(points.get(0).get("fingerprint").asText()).isEqualTo("fp-slow");
        assertThat(points.get(0).get("executedAt").asText()).isEqualTo("2026-01-05T10:02:20Z");
        // q-errors 1, 2, 1, 2 (newest four): median 1.5
        assertThat(p.get("qErrorMedian").asDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(p.get("r2Log").isNumber()).isTrue();

        JsonNode none = get("/api/v1/ml/predictions?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
        assertThat(none.get("n").asInt()).isZero();
        assertThat(none.get("qErrorMedian").isNull()).isTrue();
        assertThat(none.get("points")).isEmpty();
        ApiCalls.json(api.send("GET", "/api/v1/ml/predictions?limit=5001", TOKEN, null), 400);
    }

    @Test
    void everyReadNeedsTheToken() throws Exception {
        for (String path : List.of(
                "/api/v1/queries/timeseries",
                "/api/v1/queries/histogram",
                "/api/v1/queries/statistics",
                "/api/v1/ml/predictions",
                "/api/v1/session",
                "/api/v1/dashboard/overview",
                "/api/v1/metrics/health",
                "/api/v1/metrics/database",
                "/api/v1/alerts")) {
            assertThat(api.send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(api.send("GET", path, TOKEN, null).statusCode()).as(path).isEqualTo(200);
        }
        JsonNode session = get("/api/v1/session");
        assertThat(session.get("user").asText()).isEqualTo("tester");
        assertThat(session.get("tokensRequired").asBoolean()).isTrue();
    }

    @Test
    void unknownApiPathsStayJson404sBesideTheDashboardsPages() throws Exception {
        JsonNode api404 = ApiCalls.json(api.send("GET", "/api/v1/nothing/here", null, null), 404);
        assertThat(api404.get("error").asText()).isEqualTo("not_found");
        ApiCalls.json(api.send("GET", "/api/v2", null, null), 404);
        assertThat(ApiCalls.json(api.send("POST", "/api/v1/nothing/here", null, "{}"), 404)
                        .get("error")
                        .asText())
                .isEqualTo("not_found");
        // the pages are the web module's when its jar is on the classpath, else the server says it has none
        boolean built = getClass().getClassLoader().getResource("dashboard/index.html") != null;
        for (String page : List.of("/", "/queries/123")) {
            HttpResponse<String> r = api.send("GET", page, null, null);
            if (built) {
                assertThat(r.statusCode()).as(page).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type"))
                        .as(page)
                        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            } else {
                assertThat(ApiCalls.json(r, 404).get("error").asText()).as(page).isEqualTo("dashboard_not_built");
            }
        }
        assertThat(ApiCalls.json(api.send("GET", "/favicon-that-is-not-there.ico", null, null), 404)
                        .get("error")
                        .asText())
                .isEqualTo("not_found");
    }

    @Test
    void theOpenApiDocumentDescribesTheDashboardsEndpoints() throws Exception {
        JsonNode paths = ApiCalls.json(api.send("GET", "/api/v1/openapi.json", null, null), 200)
                .get("paths");
        for (String path : List.of(
                "/api/v1/session",
                "/api/v1/dashboard/overview",
                "/api/v1/queries/timeseries",
                "/api/v1/queries/histogram",
                "/api/v1/metrics/health",
                "/api/v1/metrics/database",
                "/api/v1/alerts",
                "/api/v1/forecasts/history",
                "/api/v1/optimization/settings",
                "/api/v1/ml/predictions",
                "/")) {
            assertThat(paths.has(path)).as(path).isTrue();
        }
        assertThat(paths.get("/api/v1/queries/statistics")
                        .get("get")
                        .get("parameters")
                        .findValuesAsText("name"))
                .contains("sort", "fingerprint", "text");
        assertThat(paths.get("/api/v1/optimization/history")
                        .get("get")
                        .get("parameters")
                        .findValuesAsText("name"))
                .contains("fingerprint");
    }

    private static JsonNode get(String path) throws Exception {
        return ApiCalls.json(api.send("GET", path, TOKEN, null), 200);
    }
}
