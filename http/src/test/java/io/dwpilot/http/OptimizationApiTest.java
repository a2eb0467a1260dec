package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.indexing.NewOptimization;
import io.dwpilot.persistence.indexing.OptimizationIndexRef;
import io.dwpilot.persistence.indexing.OptimizationRepository;
import io.dwpilot.persistence.indexing.OptimizationStatus;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index-optimization API on the real server (front door, agent society, JDBC journal) with bearer tokens: the
 * history rows are written with the repository, apply, reject, analyze and the mode go to the running indexer.
 */
class OptimizationApiTest {
    private static final String ADMIN = "optimization-admin-0123456789";
    private static final String ANALYST = "optimization-analyst-0123456789";
    private static Database db;
    private static DwpilotServer server;
    private static long recommended;
    private static long kept;
    private static long analysis;
    private static long resize;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.newWarehouse("optimization_api");
        OptimizationRepository repository = new OptimizationRepository(db.systemPool());
        recommended = repository.insert(new NewOptimization(
                "indexer",
                "create_index",
                List.of("fp-a", "fp-b"),
                Optional.of(
                        "CREATE INDEX CONCURRENTLY dwpilot_ix_sales_customer ON silver.sales_cleaned (customer_id)"),
                "helps 2 statements",
                OptimizationStatus.RECOMMENDED,
                Optional.of(new OptimizationIndexRef("silver", "dwpilot_ix_sales_customer", "sales_cleaned", 8192)),
                OptionalDouble.of(0.62),
                "{\"costBefore\": 1200.5, \"queries\": [\"fp-a\", \"fp-b\"]}",
                Instant.parse("2026-01-05T10:00:00Z")));
        kept = repository.insert(new NewOptimization(
                "indexer",
                "create_index",
                List.of("fp-c"),
                Optional.of("CREATE INDEX CONCURRENTLY dwpilot_ix_sales_day ON silver.sales_cleaned (sale_date)"),
                "helps 1 statement",
                OptimizationStatus.KEPT,
                Optional.of(new OptimizationIndexRef("silver", "dwpilot_ix_sales_day", "sales_cleaned", 16384)),
                OptionalDouble.of(0.4),
                null,
                Instant.parse("2026-01-06T10:00:00Z")));
        analysis = repository.insert(new NewOptimization(
                "indexer",
                "index_analysis",
                List.of(),
                Optional.empty(),
                "12 candidates, 2 chosen",
                OptimizationStatus.ANALYZED,
                Optional.empty(),
                OptionalDouble.empty(),
                "{\"candidates\": 12}",
                Instant.parse("2026-01-05T09:59:00Z")));
        resize = repository.insert(new NewOptimization(
                "governor",
                "resize",
                List.of(),
                Optional.of("work_mem"),
                "heavy lane spills",
                OptimizationStatus.APPLIED,
                Optional.empty(),
                OptionalDouble.empty(),
                null,
                Instant.parse("2026-01-04T08:00:00Z")));
        Config config = ConfigFactory.parseString("dwpilot.http.auth.tokens = ["
                        + "{token = \"" + ADMIN + "\", user = ada, role = admin},"
                        + "{token = \"" + ANALYST + "\", user = alan, role = analyst}]")
                .withFallback(ConfigFactory.load());
        server = DwpilotServer.start(config, db, "127.0.0.1", 0, new Readiness(), WorkloadClock.system());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        db.close();
    }

    @Test
    void listsTheIndexerRecommendationsNewestFirstFilteredAndPaged() throws Exception {
        JsonNode indexes = json(send("GET", "/api/v1/optimization/indexes", ANALYST, null), 200)
                .get("indexes");
        assertThat(ids(indexes)).containsExactly(kept, recommended);

        JsonNode row = indexes.get(1);
        assertThat(row.get("status").asText()).isEqualTo("recommended");
        assertThat(row.get("applied").asBoolean()).isFalse();
        assertThat(row.get("index").get("schema").asText()).isEqualTo("silver");
        assertThat(row.get("index").get("name").asText()).isEqualTo("dwpilot_ix_sales_customer");
        assertThat(row.get("index").get("table").asText()).isEqualTo("sales_cleaned");
        assertThat(row.get("index").get("sizeBytes").asLong()).isEqualTo(8192);
        assertThat(row.get("ddl").asText()).startsWith("CREATE INDEX CONCURRENTLY dwpilot_ix_sales_customer");
        assertThat(row.get("reason").asText()).isEqualTo("helps 2 statements");
        assertThat(row.get("fingerprints")).extracting(JsonNode::asText).containsExactly("fp-a", "fp-b");
        assertThat(row.get("estimatedGain").asDouble()).isEqualTo(0.62);
        assertThat(row.get("performanceGain").isNull()).isTrue();
        assertThat(row.get("pValue").isNull()).isTrue();
        assertThat(row.get("details").get("costBefore").asDouble()).isEqualTo(1200.5);
        assertThat(row.get("recommendedAt").asText()).isEqualTo("2026-01-05T10:00:00Z");
        assertThat(row.get("appliedAt").isNull()).isTrue();
        assertThat(indexes.get(0).get("appliedAt").asText()).isEqualTo("2026-01-06T10:00:00Z");

        assertThat(ids(json(send("GET", "/api/v1/optimization/indexes?status=recommended,rejected", ANALYST, null), 200)
                        .get("indexes")))
                .containsExactly(recommended);
        assertThat(ids(json(send("GET", "/api/v1/optimization/indexes?limit=1&offset=1", ANALYST, null), 200)
                        .get("indexes")))
                .containsExactly(recommended);

        JsonNode one = json(send("GET", "/api/v1/optimization/indexes/" + kept, ANALYST, null), 200);
        assertThat(one.get("status").asText()).isEqualTo("kept");
        assertThat(one.get("applied").asBoolean()).isTrue();
        assertThat(one.get("details").isObject()).isTrue();
    }

    @Test
    void unknownIdsAndBadParametersAreClearErrors() throws Exception {
        assertThat(json(send("GET", "/api/v1/optimization/indexes/999999", ANALYST, null), 404)
                        .get("message")
                        .asText())
                .isEqualTo("no index recommendation 999999");
        // an analysis row is history, not an index recommendation
        json(send("GET", "/api/v1/optimization/indexes/" + analysis, ANALYST, null), 404);

        JsonNode badStatus =
                json(send("GET", "/api/v1/optimization/indexes?status=recommended,planned", ANALYST, null), 400);
        assertThat(badStatus.get("error").asText()).isEqualTo("bad_request");
        assertThat(badStatus.get("message").asText()).contains("planned").contains("recommended, applied, kept");
        assertThat(json(send("GET", "/api/v1/optimization/indexes?limit=0", ANALYST, null), 400)
                        .get("message")
                        .asText())
                .isEqualTo("limit must be 1..1000, got 0");
        json(send("GET", "/api/v1/optimization/history?offset=-1", ANALYST, null), 400);
        assertThat(send("GET", "/api/v1/optimization/indexes", null, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void applyAndRejectGoToTheIndexerAndNeedAnAdmin() throws Exception {
        // the row was written behind the indexer's back: the indexer does not know it
        JsonNode unknown =
                json(send("POST", "/api/v1/optimization/indexes/" + recommended + "/apply", ADMIN, null), 404);
        assertThat(unknown.get("error").asText()).isEqualTo("not_found");
        assertThat(unknown.get("message").asText()).isEqualTo("no index recommendation " + recommended);
        assertThat(json(
                                send(
                                        "POST",
                                        "/api/v1/optimization/indexes/424242/reject",
                                        ADMIN,
                                        "{\"reason\": \"too big\"}"),
                                404)
                        .get("message")
                        .asText())
                .isEqualTo("no index recommendation 424242");
        json(send("POST", "/api/v1/optimization/indexes/424242/reject", ADMIN, null), 404);
        json(send("POST", "/api/v1/optimization/indexes/424242/reject", ADMIN, "{\"reason\": "), 400);

        JsonNode forbidden =
                json(send("POST", "/api/v1/optimization/indexes/" + recommended + "/apply", ANALYST, null), 403);
        assertThat(forbidden.get("message").asText()).contains("admin").contains("alan");
        json(send("POST", "/api/v1/optimization/indexes/" + recommended + "/reject", ANALYST, null), 403);
        json(send("POST", "/api/v1/optimization/indexes/analyze", ANALYST, null), 403);
        json(send("PUT", "/api/v1/optimization/indexes/mode", ANALYST, "{\"mode\": \"automatic\"}"), 403);
    }

    @Test
    void theModeRoundTripsThroughTheIndexer() throws Exception {
        assertThat(json(
                                send(
                                        "PUT",
                                        "/api/v1/optimization/indexes/mode",
                                        ADMIN,
                                        "{\"mode\": \"recommend-only\", \"reason\": \"review first\"}"),
                                200)
                        .get("mode")
                        .asText())
                .isEqualTo("recommend-only");
        assertThat(json(send("GET", "/api/v1/optimization/indexes/mode", ANALYST, null), 200)
                        .get("mode")
                        .asText())
                .isEqualTo("recommend-only");
        assertThat(json(send("PUT", "/api/v1/optimization/indexes/mode", ADMIN, "{\"mode\": \"automatic\"}"), 200)
                        .get("mode")
                        .asText())
                .isEqualTo("automatic");
        assertThat(json(send("GET", "/api/v1/optimization/indexes/mode", ADMIN, null), 200)
                        .get("mode")
                        .asText())
                .isEqualTo("automatic");

        assertThat(json(send("PUT", "/api/v1/optimization/indexes/mode", ADMIN, "{\"mode\": \"manual\"}"), 400)
                        .get("message")
                        .asText())
                .isEqualTo("mode must be one of automatic, recommend-only, got manual");
    }

    @Test
    void anAnalysisOnDemandIsAcceptedAtOnceAndItsStatusTellsItsSummary() throws Exception {
        JsonNode finished = null;
        for (int attempt = 0; attempt < 50 && finished == null; attempt++) {
            HttpResponse<String> r = send("POST", "/api/v1/optimization/indexes/analyze", ADMIN, null);
            JsonNode started = json(r, 202);
            String id = started.get("analysisId").asText();
            String statusUrl = "/api/v1/optimization/indexes/analyses/" + id;
            assertThat(started.get("statusUrl").asText()).isEqualTo(statusUrl);
            assertThat(r.headers().firstValue("Location")).contains(statusUrl);
            if (started.get("status").asText().equals("running")) {
                // asked again while it runs: the same analysis, not a second one
                JsonNode again = json(send("POST", "/api/v1/optimization/indexes/analyze", ADMIN, null), 202);
                if (!again.get("analysisId").asText().equals(id)) { // only if the first one finished meanwhile
                    assertThat(json(send("GET", statusUrl, ANALYST, null), 200)
                                    .get("status")
                                    .asText())
                            .isNotEqualTo("running");
                }
            }
            JsonNode status = json(send("GET", statusUrl, ANALYST, null), 200);
            for (int poll = 0; status.get("status").asText().equals("running") && poll < 600; poll++) {
                Thread.sleep(100);
                status = json(send("GET", statusUrl, ANALYST, null), 200);
            }
            assertThat(status.get("analysisId").asText()).isEqualTo(id);
            if (status.get("status").asText().equals("done")) {
                finished = status;
            } else { // the indexer's own first steps may be running: it refuses as busy
                assertThat(status.get("status").asText()).isEqualTo("failed");
                assertThat(status.get("message").asText()).contains("busy");
                Thread.sleep(100);
            }
        }
        assertThat(finished).isNotNull();
        assertThat(finished.get("summary").asText()).isNotBlank();
        assertThat(finished.get("finishedAt").isNull()).isFalse();

        assertThat(json(send("GET", "/api/v1/optimization/indexes/analyses/unknown-id", ANALYST, null), 404)
                        .get("message")
                        .asText())
                .contains("no analysis");
    }

    @Test
    void theHistoryListsEveryAgentsRows() throws Exception {
        JsonNode all = json(send("GET", "/api/v1/optimization/history", ANALYST, null), 200)
                .get("optimizations");
        assertThat(ids(all)).contains(kept, recommended, analysis, resize);

        JsonNode governor = json(send("GET", "/api/v1/optimization/history?agent=governor", ANALYST, null), 200)
                .get("optimizations");
        assertThat(ids(governor)).containsExactly(resize);
        JsonNode row = governor.get(0);
        assertThat(row.get("agent").asText()).isEqualTo("governor");
        assertThat(row.get("type").asText()).isEqualTo("resize");
        assertThat(row.get("status").asText()).isEqualTo("applied");
        assertThat(row.get("index").isNull()).isTrue();
        assertThat(row.get("details").isObject()).isTrue();

        assertThat(ids(json(
                                send(
                                        "GET",
                                        "/api/v1/optimization/history?agent=indexer&type=index_analysis"
                                                + "&status=analyzed&limit=500",
                                        ANALYST,
                                        null),
                                200)
                        .get("optimizations")))
                .contains(analysis)
                .doesNotContain(recommended, kept, resize);
    }

    @Test
    void theHistoryFiltersByAFingerprintTheRowIsAbout() throws Exception {
        assertThat(ids(json(send("GET", "/api/v1/optimization/history?fingerprint=fp-b", ANALYST, null), 200)
                        .get("optimizations")))
                .containsExactly(recommended);
        assertThat(ids(json(
                                send("GET", "/api/v1/optimization/history?fingerprint=fp-c&status=kept", ANALYST, null),
                                200)
                        .get("optimizations")))
                .containsExactly(kept);
        assertThat(json(send("GET", "/api/v1/optimization/history?fingerprint=fp-z", ANALYST, null), 200)
                        .get("optimizations"))
                .isEmpty();
    }

    @Test
    void theSettingsShowEachDecidingAgentsConfigurationAndTheIndexersMode() throws Exception {
        JsonNode agents = json(send("GET", "/api/v1/optimization/settings", ANALYST, null), 200)
                .get("agents");
        List<String> names = new ArrayList<>();
        agents.forEach(a -> names.add(a.get("agent").asText()));
        assertThat(names).containsExactly("indexer", "governor", "trainer", "forecaster", "anomaly-watcher");
        JsonNode indexer = agents.get(0);
        assertThat(indexer.get("mode").asText())
                .isEqualTo(json(send("GET", "/api/v1/optimization/indexes/mode", ANALYST, null), 200)
                        .get("mode")
                        .asText());
        JsonNode settings = indexer.get("settings");
        assertThat(settings.get("interval").asText()).isEqualTo("1h");
        assertThat(settings.get("budget").asText()).isEqualTo("10%");
        assertThat(settings.get("verification.alpha").asText()).isEqualTo("0.05");
        assertThat(settings.get("verification.test").asText()).isEqualTo("mann-whitney");
        JsonNode trainer = agents.get(2);
        assertThat(trainer.get("mode").isNull()).isTrue();
        assertThat(trainer.get("settings").get("models").asText())
                .isEqualTo("[\"cost\",\"forecast\",\"anomaly\",\"cluster\"]");
        assertThat(agents.get(4)
                        .get("settings")
                        .get("metric-spike.floors.cpu_usage")
                        .asText())
                .isEqualTo("0.25");
        assertThat(send("GET", "/api/v1/optimization/settings", null, null).statusCode())
                .isEqualTo(401);
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        return ApiCalls.json(response, status);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return new ApiCalls(server.port()).send(method, path, token, body);
    }
}
