package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.metrics.DatabaseStatistics;
import io.dwpilot.persistence.metrics.SystemMetricsRepository;
import io.dwpilot.persistence.metrics.SystemMetricsSampler;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The metrics API over HTTP on real PostgreSQL: one database with samples, one without. */
class SystemMetricsRoutesTest {
    private static final HttpClient http = HttpClient.newHttpClient();
    private static Database sampled;
    private static Database empty;
    private static ActorSystem<Void> system;
    private static ExecutorService blocking;
    private static HttpServer sampledServer;
    private static HttpServer emptyServer;

    @BeforeAll
    static void start() throws Exception {
        sampled = TestPostgres.newWarehouse("metrics_api");
        empty = TestPostgres.newWarehouse("metrics_api_empty");
        SystemMetricsSampler sampler = new SystemMetricsSampler(sampled.systemPool());
        SystemMetricsRepository repository = new SystemMetricsRepository(sampled.systemPool());
        repository.save(sampler.sample(4, 0));
        Thread.sleep(200);
        repository.save(sampler.sample(4, 1));
        system = ActorSystem.create(Behaviors.empty(), "t", ConfigFactory.load());
        blocking = Executors.newFixedThreadPool(2);
        sampledServer = HttpServer.start(
                system,
                "127.0.0.1",
                0,
                List.of(new SystemMetricsRoutes(repository, new DatabaseStatistics(sampled, "dwpilot_ix_"), blocking)
                        .route()));
        emptyServer = HttpServer.start(
                system,
                "127.0.0.1",
                0,
                List.of(new SystemMetricsRoutes(
                                new SystemMetricsRepository(empty.systemPool()),
                                new DatabaseStatistics(empty, "dwpilot_ix_"),
                                blocking)
                        .route()));
    }

    @AfterAll
    static void stop() {
        sampledServer.close();
        emptyServer.close();
        system.terminate();
        blocking.shutdownNow();
        sampled.close();
        empty.close();
    }

    @Test
    void currentAnswersTheLatestSample() throws Exception {
        HttpResponse<String> r = get(sampledServer, "/api/v1/metrics/current");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("json"));
        JsonNode body = Json.MAPPER.readTree(r.body());
        for (String field : List.of(
                "sampledAt",
                "cpuUsage",
                "memoryUsage",
                "ioOperations",
                "diskReadBytesPerS",
                "diskWriteBytesPerS",
                "connections",
                "activeQueries",
                "cacheHitRatio",
                "transactionsPerS",
                "locksWaiting",
                "queryPoolSize",
                "queueLength",
                "simulatedAt")) {
            assertThat(body.has(field)).as(field).isTrue();
        }
        assertThat(body.get("connections").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(body.get("queueLength").asInt()).isEqualTo(1);
        assertThat(body.get("transactionsPerS").isNumber()).isTrue();
        assertThat(body.get("sampledAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
    }

    @Test
    void historyDefaultsToTheLastHourByMinute() throws Exception {
        HttpResponse<String> r = get(sampledServer, "/api/v1/metrics/history");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.get("granularity").asText()).isEqualTo("minute");
        JsonNode buckets = body.get("buckets");
        assertThat(buckets.size()).isBetween(1, 2);
        long samples = 0;
        for (JsonNode b : buckets) {
            samples += b.get("samples").asLong();
            assertThat(b.has("avgCpuUsage")).isTrue();
            assertThat(b.get("maxConnections").asInt()).isGreaterThanOrEqualTo(1);
        }
        assertThat(samples).isEqualTo(2);

        HttpResponse<String> byDay = get(
                sampledServer,
                "/api/v1/metrics/history?start=2020-01-01T00:00:00Z&end=2040-01-01T00:00:00Z&granularity=day");
        assertThat(byDay.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(byDay.body()).get("granularity").asText())
                .isEqualTo("day");
    }

    @Test
    void badParametersAre400Json() throws Exception {
        for (String query : List.of(
                "granularity=week",
                "start=yesterday",
                "start=2030-01-02T00:00:00Z&end=2030-01-01T00:00:00Z",
                "start=2000-01-01T00:00:00Z&end=2030-01-01T00:00:00Z&granularity=minute")) {
            HttpResponse<String> r = get(sampledServer, "/api/v1/metrics/history?" + query);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("bad_request");
        }
    }

    @Test
    void currentIs404JsonBeforeAnySample() throws Exception {
        HttpResponse<String> r = get(emptyServer, "/api/v1/metrics/current");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("not_found");
        HttpResponse<String> h = get(emptyServer, "/api/v1/metrics/history?granularity=hour");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(h.body()).get("buckets")).isEmpty();
    }

    @Test
    void databaseStatisticsListTheWarehousesTablesAndIndexesLargestFirstAndBothPools() throws Exception {
        try (Connection c = sampled.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gold.big AS SELECT g AS id, repeat('x', 200) AS pad"
                    + " FROM generate_series(1, 20000) g");
            s.execute("CREATE INDEX dwpilot_ix_big_id ON gold.big (id)");
        }
        HttpResponse<String> r = get(sampledServer, "/api/v1/metrics/database");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(r.body());
        JsonNode database = body.get("database");
        assertThat(database.get("name").asText()).startsWith("metrics_api");
        assertThat(database.get("sizeBytes").asLong()).isGreaterThan(4_000_000);
        JsonNode connections = database.get("connections");
        assertThat(connections.get("total").asLong())
                .isPositive()
                .isGreaterThanOrEqualTo(connections.get("active").asLong()
                        + connections.get("idle").asLong());
        assertThat(connections.get("max").asLong())
                .isGreaterThanOrEqualTo(connections.get("total").asLong());
        for (String field :
                List.of("cacheHitRatio", "locksWaiting", "deadlocks", "commits", "rollbacks", "tempBytes")) {
            assertThat(database.has(field)).as(field).isTrue();
        }
        assertThat(database.get("commits").asLong()).isPositive();

        JsonNode tables = body.get("tables");
        JsonNode big = tables.get(0);
        assertThat(big.get("schema").asText() + "." + big.get("name").asText()).isEqualTo("gold.big");
        assertThat(big.get("totalBytes").asLong())
                .isGreaterThan(4_000_000)
                .isEqualTo(
                        big.get("tableBytes").asLong() + big.get("indexBytes").asLong());
        assertThat(big.get("indexBytes").asLong()).isPositive();
        assertThat(big.has("lastAutovacuum")).isTrue();
        List<Long> sizes = new ArrayList<>();
        tables.forEach(t -> {
            sizes.add(t.get("totalBytes").asLong());
            assertThat(t.get("schema").asText()).isNotIn("pg_catalog", "information_schema", "pg_toast");
        });
        assertThat(sizes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(tables.findValuesAsText("name")).contains("query_logs", "sales_cleaned");

        JsonNode indexes = body.get("indexes");
        JsonNode ours = null;
        JsonNode primary = null;
        List<Long> indexSizes = new ArrayList<>();
        for (JsonNode i : indexes) {
            indexSizes.add(i.get("sizeBytes").asLong());
            if (i.get("name").asText().equals("dwpilot_ix_big_id")) {
                ours = i;
            }
            if (i.get("name").asText().equals("query_logs_pkey")) {
                primary = i;
            }
        }
        assertThat(indexSizes).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(ours).isNotNull();
        assertThat(ours.get("table").asText()).isEqualTo("big");
        assertThat(ours.get("byDwpilot").asBoolean()).isTrue();
        assertThat(ours.get("valid").asBoolean()).isTrue();
        assertThat(ours.get("unique").asBoolean()).isFalse();
        assertThat(ours.get("definition").asText()).startsWith("CREATE INDEX dwpilot_ix_big_id ON gold.big");
        assertThat(primary.get("primary").asBoolean()).isTrue();
        assertThat(primary.get("unique").asBoolean()).isTrue();
        assertThat(primary.get("byDwpilot").asBoolean()).isFalse();

        JsonNode pools = body.get("pools");
        assertThat(pools.findValuesAsText("name")).containsExactly("analyst", "admin", "system");
        for (JsonNode pool : pools) {
            assertThat(pool.get("max").asInt())
                    .isPositive()
                    .isGreaterThanOrEqualTo(pool.get("total").asInt());
            // a connection being added or evicted counts in the total only
            assertThat(pool.get("total").asInt())
                    .isPositive()
                    .isGreaterThanOrEqualTo(
                            pool.get("active").asInt() + pool.get("idle").asInt());
            assertThat(pool.has("waiting")).isTrue();
        }
    }

    private static HttpResponse<String> get(HttpServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
