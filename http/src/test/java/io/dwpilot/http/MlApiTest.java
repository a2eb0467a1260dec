package io.dwpilot.http;

import static io.dwpilot.http.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.FeatureSchema;
import io.dwpilot.models.ml.cost.CostExample;
import io.dwpilot.models.ml.cost.CostModelTrainer;
import io.dwpilot.models.ml.cost.LearnedCostModel;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.ml.ModelVersion;
import io.dwpilot.persistence.ml.NewModelVersion;
import io.dwpilot.persistence.testing.TestPostgres;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The learned models' API on the real server with bearer tokens: the registry's versions with their metrics,
 * activation (an admin's; a corrupt artifact is refused and the serving version stays), the cost prediction of the
 * model that serves, training through the trainer agent, and clear errors where there is nothing to predict from.
 */
class MlApiTest {
    private static final String ADMIN = "ml-admin-0123456789";
    private static final String ANALYST = "ml-analyst-0123456789";
    private static Database db;
    private static DwpilotServer server;
    private static ApiCalls api;
    private static ModelVersion good;
    private static ModelVersion corrupt;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.newWarehouse("ml_api");
        ModelRegistry registry = new ModelRegistry(db.systemPool());
        byte[] artifact = tinyCostModel().toArtifact();
        good = registry.register(version(artifact));
        byte[] broken = Arrays.copyOf(artifact, artifact.length);
        broken[broken.length / 2] ^= 0x5a;
        corrupt = registry.register(version(broken));
        Config config = ConfigFactory.parseString("dwpilot.http.auth.tokens = ["
                        + "{token = \"" + ADMIN + "\", user = ada, role = admin},"
                        + "{token = \"" + ANALYST + "\", user = alan, role = analyst}]")
                .withFallback(ConfigFactory.load());
        server = DwpilotServer.start(config, db, "127.0.0.1", 0, new Readiness(), WorkloadClock.system());
        api = new ApiCalls(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        db.close();
    }

    /** A cost model whose time follows the planner's cost, trained in a second on a few synthetic executions. */
    private static LearnedCostModel tinyCostModel() {
        FeatureSchema schema = CostFeatures.SCHEMA;
        List<CostExample> examples = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double cost = 1 + i % 50;
            examples.add(new CostExample(
                    "fp" + i % 5,
                    Instant.EPOCH.plusSeconds(i),
                    schema.vector(Map.of("plan_known", 1, "plan_log_total_cost", Math.log1p(cost))),
                    cost / 10));
        }
        return new CostModelTrainer()
                .train(
                        examples.subList(0, 150),
                        examples.subList(150, 200),
                        List.of(new MlpHyperParameters(List.of(8), 20, 0.01f, 32, 0f, 1)))
                .model();
    }

    private static NewModelVersion version(byte[] artifact) {
        return new NewModelVersion(
                ModelKind.COST.name(),
                ModelKind.COST.algorithm(),
                artifact,
                ModelKind.COST.artifactFormat(),
                "{\"test\": {\"mlp\": {\"q_error_median\": 1.2}}}",
                "{\"hidden\": [8]}",
                CostFeatures.SCHEMA.names(),
                150,
                900,
                OptionalLong.empty());
    }

    @Test
    void listsVersionsWithTheirMetricsAndActivatesOnlyAReadableOne() throws Exception {
        JsonNode models = json(api.send("GET", "/api/v1/ml/models?name=query_cost", ANALYST, null), 200)
                .get("models");
        assertThat(models).hasSize(2);
        assertThat(models.get(0).get("id").asLong()).isEqualTo(corrupt.id());
        assertThat(models.get(1)
                        .get("metrics")
                        .get("test")
                        .get("mlp")
                        .get("q_error_median")
                        .asDouble())
                .isEqualTo(1.2);
        assertThat(models.get(1).get("features")).hasSize(CostFeatures.SCHEMA.size());
        json(api.send("GET", "/api/v1/ml/models/424242", ANALYST, null), 404);

        json(api.send("PUT", "/api/v1/ml/models/" + good.id() + "/activate", ANALYST, null), 403);
        JsonNode activated = json(api.send("PUT", "/api/v1/ml/models/" + good.id() + "/activate", ADMIN, null), 200);
        assertThat(activated.get("active").asBoolean()).isTrue();
        JsonNode refused = json(api.send("PUT", "/api/v1/ml/models/" + corrupt.id() + "/activate", ADMIN, null), 409);
        assertThat(refused.get("error").asText()).isEqualTo("corrupt_artifact");
        json(api.send("PUT", "/api/v1/ml/models/424242/activate", ADMIN, null), 404);
        assertThat(json(api.send("GET", "/api/v1/ml/models/" + good.id(), ANALYST, null), 200)
                        .get("active")
                        .asBoolean())
                .isTrue();

        JsonNode prediction = json(
                api.send(
                        "POST",
                        "/api/v1/ml/predict/query-cost",
                        ANALYST,
                        "{\"sql\": \"SELECT count(*) FROM silver.sales_cleaned\"}"),
                200);
        assertThat(prediction.get("predictedMs").asDouble()).isPositive();
        assertThat(prediction.get("model").asText()).isEqualTo("query_cost v1");
        assertThat(prediction.get("features").get("sql_known").asDouble()).isEqualTo(1.0);
        JsonNode performance = json(api.send("GET", "/api/v1/ml/models/performance", ANALYST, null), 200);
        assertThat(performance.get("serving").get(0).get("version").asText()).isEqualTo("query_cost v1");
    }

    @Test
    void trainingGoesToTheTrainerAndNeedsAnAdminAndKnownModels() throws Exception {
        json(api.send("POST", "/api/v1/ml/models/train", ANALYST, "{\"models\": [\"cost\"]}"), 403);
        assertThat(json(api.send("POST", "/api/v1/ml/models/train", ADMIN, "{\"models\": [\"oracle\"]}"), 400)
                        .get("message")
                        .asText())
                .contains("oracle")
                .contains("cost, forecast, anomaly or cluster");
        JsonNode started = json(api.send("POST", "/api/v1/ml/models/train", ADMIN, "{\"models\": [\"cluster\"]}"), 202);
        assertThat(started.get("message").asText()).startsWith("training cluster");
    }

    @Test
    void predictionsWithoutDataOrModelAreClearConflicts() throws Exception {
        assertThat(json(api.send("POST", "/api/v1/ml/predict/workload", ANALYST, "{\"horizonBuckets\": 12}"), 409)
                        .get("error")
                        .asText())
                .isEqualTo("not_enough_data");
        json(api.send("POST", "/api/v1/ml/predict/workload", ANALYST, "{\"horizonBuckets\": 0}"), 400);
        // the scan reads every user's executions: an analyst without the workload view may not run it
        assertThat(json(api.send("POST", "/api/v1/ml/detect/anomalies", ANALYST, "{\"windowMinutes\": 60}"), 403)
                        .get("message")
                        .asText())
                .contains("workload view");
        assertThat(json(api.send("POST", "/api/v1/ml/detect/anomalies", ADMIN, "{\"windowMinutes\": 60}"), 409)
                        .get("message")
                        .asText())
                .contains("no anomaly model is active");
        json(api.send("POST", "/api/v1/ml/predict/query-cost", ANALYST, "{\"sql\": \" \"}"), 400);
        assertThat(json(api.send("GET", "/api/v1/ml/clusters", ANALYST, null), 404)
                        .get("message")
                        .asText())
                .contains("no query clustering is active");
        assertThat(json(api.send("GET", "/api/v1/ml/training-runs?model=query_cost", ANALYST, null), 200)
                        .get("runs")
                        .isArray())
                .isTrue();
        json(api.send("GET", "/api/v1/ml/training-runs?limit=0", ANALYST, null), 400);
        assertThat(api.send("GET", "/api/v1/ml/models", null, null).statusCode())
                .isEqualTo(401);
    }
}
