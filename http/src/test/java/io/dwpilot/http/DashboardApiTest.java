package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.Role;
import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelAlerts;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.etl.EtlRuns;
import io.dwpilot.persistence.indexing.NewOptimization;
import io.dwpilot.persistence.indexing.OptimizationRepository;
import io.dwpilot.persistence.indexing.OptimizationStatus;
import io.dwpilot.persistence.metrics.HealthSignals;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The overview, the health score (now and over time) and the alerts on real PostgreSQL, against a known history and a
 * fixed clock: Tuesday 2026-03-10 14:30 UTC, 10:30 in New York (daylight saving time began on the 8th).
 */
class DashboardApiTest {
    private static final Instant NOW = Instant.parse("2026-03-10T14:30:00Z");
    private static Database db;
    private static ActorSystem<Void> system;
    private static ExecutorService blocking;
    private static HttpServer server;
    private static ApiCalls api;
    private static long newHigh;
    private static long etlRun;
    private static int maxConnections;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.newWarehouse("dashboard_api");
        WarehouseRows rows = new WarehouseRows(db);
        rows.execution("fp-a", "ok", 50, NOW.minusSeconds(30), 100.0, null, "gold.sales_summary");
        rows.execution("fp-b", "ok", 1500, at("14:20"), 1500.0, null, "gold.sales_summary");
        rows.execution("fp-c", "error", 3, at("14:10"), null, "division by zero", "gold.sales_summary");
        rows.execution("fp-h", "rejected", 0, at("14:25"), null, "saturated", "gold.sales_summary");
        rows.ok("fp-d", 10, Instant.parse("2026-03-10T02:00:00Z"));
        rows.ok("fp-e", 20, Instant.parse("2026-03-09T12:00:00Z"));
        rows.ok("fp-f", 30, Instant.parse("2026-03-09T20:00:00Z"));
        rows.ok("fp-g", 40, Instant.parse("2026-03-08T23:00:00Z"));
        rows.sample(at("14:28"), 0.5, 0.6, 0.97, 30, 0);
        newHigh = rows.anomaly("high", at("14:00"), null);
        rows.anomaly("high", at("13:50"), at("14:20"));
        rows.anomaly("medium", at("14:05"), null);
        rows.anomaly("high", NOW.minusSeconds(2 * 86_400), null);
        etlRun = rows.failedEtlRun(at("13:00"), "silver.sales_cleaned: disk full");
        OptimizationRepository optimizations = new OptimizationRepository(db.systemPool());
        for (OptimizationStatus status : List.of(
                OptimizationStatus.RECOMMENDED,
                OptimizationStatus.RECOMMENDED,
                OptimizationStatus.APPLIED,
                OptimizationStatus.KEPT,
                OptimizationStatus.REVERTED)) {
            optimizations.insert(new NewOptimization(
                    "indexer",
                    "create_index",
                    List.of("fp-b"),
                    Optional.empty(),
                    "helps fp-b",
                    status,
                    Optional.empty(),
                    OptionalDouble.empty(),
                    null,
                    at("12:00")));
        }
        optimizations.insert(new NewOptimization(
                "indexer",
                "index_analysis",
                List.of(),
                Optional.empty(),
                "3 candidates",
                OptimizationStatus.ANALYZED,
                Optional.empty(),
                OptionalDouble.empty(),
                null,
                at("12:00")));
        maxConnections = Integer.parseInt(string("SHOW max_connections"));

        DashboardSettings settings = DashboardSettings.fromConfig(
                ConfigFactory.parseString("dwpilot.dashboard.health.latency-min-samples = 2")
                        .withFallback(ConfigFactory.load()));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        system = ActorSystem.create(Behaviors.empty(), "dashboard-api", ConfigFactory.load());
        blocking = Executors.newFixedThreadPool(2);
        HealthScores health = new HealthScores(new HealthSignals(db.systemPool()), settings);
        AnomalyRepository anomalies = new AnomalyRepository(db.systemPool());
        ActiveModels models = new ActiveModels(new ModelRegistry(db.systemPool()), new ModelAlerts(anomalies, clock));
        server = HttpServer.start(
                system,
                "127.0.0.1",
                0,
                List.of(
                        new OverviewRoutes(db.systemPool(), models, health, settings, clock, blocking).route(),
                        new HealthScoreRoutes(
                                        health,
                                        new AlertList(health, anomalies, new EtlRuns(db.systemPool()), settings),
                                        clock,
                                        blocking)
                                .route(),
                        new SessionRoutes(true, settings).route(new Caller("alan", Role.ANALYST))));
        api = new ApiCalls(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        system.terminate();
        blocking.shutdownNow();
        db.close();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-03-10T" + time + ":00Z");
    }

    @Test
    void theOverviewCountsTodayAndYesterdayInTheCallersTimeZone() throws Exception {
        JsonNode utc = get("/api/v1/dashboard/overview");
        assertThat(utc.get("at").asText()).isEqualTo(NOW.toString());
        assertThat(utc.get("zone").asText()).isEqualTo("UTC");
        assertThat(utc.get("queries").get("today").asLong()).isEqualTo(5);
        assertThat(utc.get("queries").get("yesterday").asLong()).isEqualTo(2);
        assertThat(utc.get("queries").get("yesterdaySameTime").asLong()).isEqualTo(1);

        // New York's day starts at 04:00 UTC: the execution at 02:00 UTC was yesterday evening there
        JsonNode ny = get("/api/v1/dashboard/overview?tz=America/New_York");
        assertThat(ny.get("zone").asText()).isEqualTo("America/New_York");
        assertThat(ny.get("queries").get("today").asLong()).isEqualTo(4);
        assertThat(ny.get("queries").get("yesterday").asLong()).isEqualTo(3);
        assertThat(ny.get("queries").get("yesterdaySameTime").asLong()).isEqualTo(1);

        JsonNode bad = ApiCalls.json(api.send("GET", "/api/v1/dashboard/overview?tz=Mars/Olympus", null, null), 400);
        assertThat(bad.get("message").asText()).contains("tz").contains("Mars/Olympus");
    }

    @Test
    void theOverviewSummarizesLatencyThroughputSlowQueriesFailuresAndTheRest() throws Exception {
        JsonNode o = get("/api/v1/dashboard/overview");
        JsonNode latency = o.get("latency");
        assertThat(latency.get("windowMinutes").asLong()).isEqualTo(15);
        assertThat(latency.get("avgMs").asDouble()).isCloseTo(775, within(1e-9));
        assertThat(latency.get("p95Ms").asDouble()).isCloseTo(1427.5, within(1e-9));
        assertThat(latency.get("previousAvgMs").isNull()).isTrue(); // 14:00-14:15 has only an error
        assertThat(latency.get("previousP95Ms").isNull()).isTrue();

        JsonNode throughput = o.get("throughput");
        assertThat(throughput.get("qps").asDouble()).isCloseTo(1 / 60.0, within(1e-12));
        JsonNode minutes = throughput.get("perMinute");
        assertThat(minutes).hasSize(60);
        assertThat(minutes.get(0).get("minute").asText()).isEqualTo("2026-03-10T13:30:00Z");
        assertThat(minutes.get(59).get("minute").asText()).isEqualTo("2026-03-10T14:29:00Z");
        assertThat(minutes.get(59).get("count").asLong()).isEqualTo(1);
        long total = 0;
        for (JsonNode m : minutes) {
            total += m.get("count").asLong();
        }
        assertThat(total).isEqualTo(4);

        assertThat(o.get("slowQueries").get("thresholdMs").asDouble()).isEqualTo(1000);
        assertThat(o.get("slowQueries").get("today").asLong()).isEqualTo(1);
        assertThat(o.get("slowQueries").get("lastHour").asLong()).isEqualTo(1);
        assertThat(o.get("failures").get("today").asLong()).isEqualTo(1);
        assertThat(o.get("failures").get("lastHour").asLong()).isEqualTo(1);

        JsonNode optimizations = o.get("optimizations");
        assertThat(optimizations.get("active").asLong()).isEqualTo(2);
        assertThat(optimizations.get("byStatus").get("recommended").asLong()).isEqualTo(2);
        assertThat(optimizations.get("byStatus").get("reverted").asLong()).isEqualTo(1);
        assertThat(optimizations.get("byStatus").has("analyzed")).isFalse();

        JsonNode model = o.get("modelAccuracy");
        assertThat(model.get("model").asText()).isEqualTo("query_cost");
        assertThat(model.get("version").isNull()).isTrue();
        assertThat(model.get("n").asLong()).isEqualTo(2);
        assertThat(model.get("qErrorMedian").asDouble()).isCloseTo(1.5, within(1e-9));
        assertThat(model.get("qErrorP90").asDouble()).isCloseTo(1.9, within(1e-9));

        assertThat(o.get("cacheHitRatio").asDouble()).isEqualTo(0.97);
        assertThat(o.get("anomalies").get("unacknowledged").asLong()).isEqualTo(3);
        assertThat(o.get("anomalies").get("unacknowledgedHigh").asLong()).isEqualTo(2);
        assertThat(o.get("health").get("score").asDouble())
                .isEqualTo(get("/api/v1/metrics/health")
                        .get("current")
                        .get("score")
                        .asDouble());
    }

    @Test
    void theHealthScoreWeighsItsComponentsAndTheHistoryScoresEachBucketTheSameWay() throws Exception {
        JsonNode report =
                get("/api/v1/metrics/health?from=2026-03-10T13:30:00Z&to=2026-03-10T14:30:00Z" + "&bucketSeconds=900");
        JsonNode current = report.get("current");
        assertThat(current.get("at").asText()).isEqualTo(NOW.toString());
        List<String> names = new ArrayList<>();
        double weighted = 0;
        double weights = 0;
        for (JsonNode c : current.get("components")) {
            names.add(c.get("name").asText());
            weighted += c.get("weight").asDouble() * c.get("score").asDouble();
            weights += c.get("weight").asDouble();
        }
        assertThat(names)
                .containsExactly(
                        "success_rate", "latency", "cpu", "memory", "cache_hit", "connections", "locks", "anomalies");
        assertThat(weights).isCloseTo(1, within(1e-9));
        assertThat(current.get("score").asDouble()).isCloseTo(weighted, within(1e-9));
        JsonNode success = component(current, "success_rate");
        assertThat(success.get("value").asDouble()).isEqualTo(100);
        assertThat(success.get("status").asText()).isEqualTo("ok");
        assertThat(success.get("unit").asText()).isEqualTo("%");
        // p95 1427.5 ms in the window against 29 ms in the day before: far past critical
        JsonNode latency = component(current, "latency");
        assertThat(latency.get("value").asDouble()).isCloseTo(1427.5 / 29, within(1e-9));
        assertThat(latency.get("status").asText()).isEqualTo("critical");
        assertThat(latency.get("score").asDouble()).isZero();
        // the thresholds come along for the charts to draw, in the value's unit
        assertThat(latency.get("warning").asDouble()).isEqualTo(1.5);
        assertThat(latency.get("critical").asDouble()).isEqualTo(3);
        assertThat(component(current, "cpu").get("value").asDouble()).isCloseTo(50, within(1e-9));
        assertThat(component(current, "cpu").get("score").asDouble()).isCloseTo(87.5, within(1e-9));
        assertThat(component(current, "connections").get("value").asDouble())
                .isCloseTo(100.0 * 30 / maxConnections, within(1e-9));
        // the acknowledged one was acknowledged before now, the old one is more than a day old
        JsonNode anomalies = component(current, "anomalies");
        assertThat(anomalies.get("value").asDouble()).isEqualTo(1);
        assertThat(anomalies.get("status").asText()).isEqualTo("warning");
        assertThat(anomalies.get("score").asDouble()).isCloseTo(80, within(1e-9));
        assertThat(current.get("status").asText())
                .isEqualTo(
                        current.get("score").asDouble() >= 80
                                ? "healthy"
                                : current.get("score").asDouble() >= 50 ? "degraded" : "critical");

        assertThat(report.get("bucketSeconds").asLong()).isEqualTo(900);
        JsonNode history = report.get("history");
        assertThat(history).hasSize(4);
        assertThat(history.get(0).get("bucket").asText()).isEqualTo("2026-03-10T13:30:00Z");
        assertThat(history.get(0).get("score").isNull()).isTrue(); // nothing ran, nothing was sampled
        assertThat(history.get(1).get("score").isNull()).isTrue();
        // 14:00-14:15: one error (success 0 %) and two unacknowledged high anomalies at 14:15 (one acknowledged at
        // 14:20 only): (0.25 * 0 + 0.05 * 72.5) / 0.3
        assertThat(history.get(2).get("score").asDouble()).isCloseTo(0.05 * 72.5 / 0.3, within(1e-9));
        // the last bucket is the current window with the same baseline
        assertThat(history.get(3).get("score").asDouble())
                .isCloseTo(current.get("score").asDouble(), within(1e-9));

        JsonNode byDefault = get("/api/v1/metrics/health");
        assertThat(byDefault.get("bucketSeconds").asLong()).isEqualTo(900);
        assertThat(byDefault.get("history")).hasSize(96);
        assertThat(ApiCalls.json(
                                api.send(
                                        "GET",
                                        "/api/v1/metrics/health?from=2026-03-10T14:30:00Z" + "&to=2026-03-10T14:00:00Z",
                                        null,
                                        null),
                                400)
                        .get("message")
                        .asText())
                .contains("from must be before to");
        assertThat(ApiCalls.json(api.send("GET", "/api/v1/metrics/health?bucketSeconds=1", null, null), 400)
                        .get("message")
                        .asText())
                .contains("use a larger bucketSeconds");
    }

    @Test
    void alertsListWhatIsOutOfBoundsCriticalFirst() throws Exception {
        JsonNode body = get("/api/v1/alerts");
        assertThat(body.get("at").asText()).isEqualTo(NOW.toString());
        List<String> keys = new ArrayList<>();
        body.get("alerts").forEach(a -> keys.add(a.get("key").asText()));
        assertThat(keys).containsExactly("health:latency", "anomaly:" + newHigh, "etl", "health:anomalies");
        JsonNode latency = body.get("alerts").get(0);
        assertThat(latency.get("severity").asText()).isEqualTo("critical");
        assertThat(latency.get("source").asText()).isEqualTo("health");
        assertThat(latency.get("threshold").asDouble()).isEqualTo(3);
        assertThat(latency.get("message").asText()).startsWith("Latency p95 vs. the day before: p95 1427.5 ms");
        assertThat(latency.get("anomalyId").isNull()).isTrue();
        JsonNode anomaly = body.get("alerts").get(1);
        assertThat(anomaly.get("anomalyId").asLong()).isEqualTo(newHigh);
        assertThat(anomaly.get("value").asDouble()).isEqualTo(950);
        assertThat(anomaly.get("since").asText()).isEqualTo("2026-03-10T14:00:00Z");
        assertThat(anomaly.get("message").asText()).isEqualTo("slow_query: a slow high one");
        JsonNode etl = body.get("alerts").get(2);
        assertThat(etl.get("message").asText())
                .isEqualTo("ETL run " + etlRun + " failed: silver.sales_cleaned: disk full");
        assertThat(etl.get("since").asText()).isEqualTo("2026-03-10T13:00:05Z");
        JsonNode warning = body.get("alerts").get(3);
        assertThat(warning.get("severity").asText()).isEqualTo("warning");
        assertThat(warning.get("threshold").asDouble()).isEqualTo(1);
    }

    @Test
    void theSessionSaysWhoCallsAndTheThresholds() throws Exception {
        JsonNode session = get("/api/v1/session");
        assertThat(session.get("user").asText()).isEqualTo("alan");
        assertThat(session.get("role").asText()).isEqualTo("analyst");
        assertThat(session.get("workloadView").asBoolean()).isFalse();
        assertThat(session.get("tokensRequired").asBoolean()).isTrue();
        assertThat(session.get("thresholds").get("moderateQueryMs").asDouble()).isEqualTo(100);
        assertThat(session.get("thresholds").get("slowQueryMs").asDouble()).isEqualTo(1000);
    }

    private static JsonNode component(JsonNode health, String name) {
        for (JsonNode c : health.get("components")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no component " + name);
    }

    private static JsonNode get(String path) throws Exception {
        return ApiCalls.json(api.send("GET", path, null, null), 200);
    }

    private static String string(String sql) throws Exception {
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
