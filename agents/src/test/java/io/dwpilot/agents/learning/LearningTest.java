package io.dwpilot.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.agents.testing.LabWorkload;
import io.dwpilot.gateway.CostPrediction;
import io.dwpilot.gateway.Lane;
import io.dwpilot.gateway.QueryOutcome;
import io.dwpilot.gateway.QuerySubmission;
import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelAlerts;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.cost.CostMetrics;
import io.dwpilot.models.ml.cost.LearnedCostModel;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.ml.nn.DenseNetwork;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import io.dwpilot.persistence.ml.LoggedExecution;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.ml.ModelVersion;
import io.dwpilot.persistence.ml.NewModelVersion;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.observations.AnomalyRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The learning loop on a real PostgreSQL: the gateway logs the features it fed the model, the pipeline trains on
 * exactly those, registers and activates only a version that beats both the baseline serving without a model and the
 * active one on the same test set, the gateway then fills predicted_time_ms (clamped, and overruled for the lane by
 * a fingerprint's own history when absurd), and a corrupt artifact falls back to the previous version, then to the
 * baseline, with an alert and without stopping a query.
 */
class LearningTest {
    private static final List<MlpHyperParameters> QUICK =
            List.of(new MlpHyperParameters(List.of(32, 16), 150, 0.003f, 32, 1e-4f, 3));
    private static final List<MlpHyperParameters> HOPELESS =
            List.of(new MlpHyperParameters(List.of(1), 1, 1e-7f, 512, 0f, 3));
    private static AgentTestBed bed;

    @BeforeAll
    static void open() throws Exception {
        bed = AgentTestBed.open("learning");
        LabWorkload.createTable(bed.database());
        LabWorkload.run(bed.gateway(), bed.database(), 700, 1);
    }

    @AfterAll
    static void close() {
        bed.close();
    }

    @BeforeEach
    void noModels() throws Exception {
        LabWorkload.execute(
                bed.database(),
                "UPDATE ml.model_registry SET is_active = false",
                "DELETE FROM ml.model_registry",
                "DELETE FROM metadata.anomalies");
        bed.gateway().models().loadAll();
    }

    private static TrainingPipeline pipeline(List<MlpHyperParameters> costGrid) {
        return new TrainingPipeline(
                bed.database().systemPool(),
                bed.gateway().models(),
                TrainingSettings.defaults(Duration.ofDays(1)).withCostGrid(costGrid));
    }

    @Test
    void theTrainerReadsExactlyTheFeaturesTheGatewayFedTheModel() throws Exception {
        String sql = "SELECT count(*) FROM lab.items WHERE v < 4242";
        CostPrediction before = bed.gateway().predict(sql);
        QueryOutcome outcome = bed.gateway()
                .execute(QuerySubmission.of(sql, LabWorkload.ANALYST))
                .toCompletableFuture()
                .join();
        LoggedExecution logged = awaitLogged(outcome.queryId().orElseThrow());

        assertThat(logged.features()).isNotEmpty();
        assertThat(CostFeatures.SCHEMA.vector(logged.features()).asMap()).isEqualTo(before.features());
        assertThat(logged.concurrentQueries()).hasValue(0);
    }

    @Test
    void aTrainedModelServesTheGatewayAndAWorseOneIsNeverActivated() throws Exception {
        TrainingOutcome first = pipeline(QUICK)
                .train(List.of(ModelKind.COST), "manual", TrainingProgress.SILENT)
                .get(0);
        assertThat(first.status()).as(first.reason()).isEqualTo(TrainingOutcome.Status.ACTIVATED);
        assertThat(bed.gateway().models().get(ModelKind.COST)).isPresent();

        QueryOutcome served = bed.gateway()
                .execute(QuerySubmission.of("SELECT * FROM lab.items WHERE id = 7", LabWorkload.ANALYST))
                .toCompletableFuture()
                .join();
        awaitLogged(served.queryId().orElseThrow());
        assertThat(LabWorkload.longValue(
                        bed.database(),
                        "SELECT count(*) FROM metadata.query_logs WHERE query_id = "
                                + served.queryId().orElseThrow() + " AND predicted_time_ms > 0"))
                .isEqualTo(1);

        TrainingOutcome worse = pipeline(HOPELESS)
                .train(List.of(ModelKind.COST), "manual", TrainingProgress.SILENT)
                .get(0);
        assertThat(worse.status()).isEqualTo(TrainingOutcome.Status.REJECTED);
        assertThat(worse.version())
                .hasValueSatisfying(v -> assertThat(v.active()).isFalse());
        assertThat(bed.gateway()
                        .models()
                        .get(ModelKind.COST)
                        .orElseThrow()
                        .version()
                        .id())
                .isEqualTo(first.version().orElseThrow().id());
        CostMetrics candidate = metrics(worse.metrics().get("test"));
        CostMetrics active = metrics(worse.metrics().get("active_on_test"));
        assertThat(candidate.betterThan(active)).isFalse();
    }

    @Test
    void aModelWorseThanTheBaselineIsNotActivatedEvenWhenNoModelIsActive() throws Exception {
        assertThat(bed.gateway().models().get(ModelKind.COST)).isEmpty();

        TrainingOutcome hopeless = pipeline(HOPELESS)
                .train(List.of(ModelKind.COST), "manual", TrainingProgress.SILENT)
                .get(0);

        assertThat(hopeless.status()).isEqualTo(TrainingOutcome.Status.REJECTED);
        assertThat(hopeless.version())
                .hasValueSatisfying(v -> assertThat(v.active()).isFalse());
        assertThat(bed.gateway().models().get(ModelKind.COST)).isEmpty();
        assertThat(bed.gateway().predict("SELECT * FROM lab.items WHERE id = 3").predictedMs())
                .isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> test = (Map<String, Object>) hopeless.metrics().get("test");
        CostMetrics candidate = metrics(test.get("mlp"));
        CostMetrics baseline = metrics(test.get("history-mean"));
        assertThat(candidate.betterThan(baseline)).isFalse();
        assertThat(hopeless.reason())
                .contains("history-mean baseline")
                .contains(String.format(Locale.ROOT, "%.3f", candidate.qErrorMedian()))
                .contains(String.format(Locale.ROOT, "%.3f", baseline.qErrorMedian()))
                .contains("no active cost model");
        assertThat(LabWorkload.longValue(
                        bed.database(),
                        "SELECT count(*) FROM ml.training_runs WHERE status = 'rejected'"
                                + " AND message LIKE '%history-mean baseline%'"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAbsurdPredictionIsClampedAndCannotMoveAKnownStatementOutOfItsLane() throws Exception {
        // a model that says 2e25 ms for everything, activated by hand (as an admin may): the reported failure
        ModelVersion absurd = registerConstantCostModel(2e25);
        bed.gateway().models().activate(absurd.id());
        double longest = AgentTestBed.GATEWAY.maxTimeout().toMillis();

        CostPrediction known = bed.gateway().predict("SELECT * FROM lab.items WHERE id = 11");
        assertThat(known.predictedMs()).hasValue(longest);
        assertThat(known.observedMs()).hasValueSatisfying(ms -> assertThat(ms).isLessThan(longest / 10));
        assertThat(known.lane()).isEqualTo(Lane.INTERACTIVE);
        CostPrediction unseen = bed.gateway().predict("SELECT count(DISTINCT pad) FROM lab.items WHERE id < 11");
        assertThat(unseen.observedMs()).isEmpty();
        assertThat(unseen.lane()).isEqualTo(Lane.HEAVY);

        QueryOutcome served = bed.gateway()
                .execute(QuerySubmission.of("SELECT * FROM lab.items WHERE id = 12", LabWorkload.ANALYST))
                .toCompletableFuture()
                .join();
        awaitLogged(served.queryId().orElseThrow());
        assertThat(LabWorkload.longValue(
                        bed.database(),
                        "SELECT count(*) FROM metadata.query_logs WHERE query_id = "
                                + served.queryId().orElseThrow() + " AND predicted_time_ms = " + (long) longest))
                .isEqualTo(1);
    }

    @Test
    void aCorruptArtifactFallsBackToTheOlderVersionThenToTheBaselineWithAnAlert() throws Exception {
        ModelVersion v1 = pipeline(QUICK)
                .train(List.of(ModelKind.COST), "manual", TrainingProgress.SILENT)
                .get(0)
                .version()
                .orElseThrow();
        ModelRegistry registry = new ModelRegistry(bed.database().systemPool());
        ModelVersion v2 = registry.register(new NewModelVersion(
                v1.name(),
                v1.algorithm(),
                registry.artifact(v1.id()),
                v1.artifactFormat(),
                "{}",
                "{}",
                v1.features(),
                1,
                1,
                OptionalLong.empty()));
        registry.activate(v2.id());
        corrupt(v2.id());

        ActiveModels models = new ActiveModels(
                        registry,
                        new ModelAlerts(new AnomalyRepository(bed.database().systemPool()), Clock.systemUTC()))
                .loadAll();
        assertThat(models.get(ModelKind.COST))
                .hasValueSatisfying(s -> assertThat(s.version().id()).isEqualTo(v1.id()));
        assertThat(registry.active(v1.name()))
                .hasValueSatisfying(v -> assertThat(v.id()).isEqualTo(v1.id()));
        assertThat(alerts()).isEqualTo(1);

        corrupt(v1.id());
        registry.activate(v2.id());
        bed.gateway().models().loadAll();
        assertThat(bed.gateway().models().get(ModelKind.COST)).isEmpty();
        assertThat(alerts()).isEqualTo(2);
        QueryOutcome stillServed = bed.gateway()
                .execute(QuerySubmission.of("SELECT * FROM lab.items WHERE id = 9", LabWorkload.ANALYST))
                .toCompletableFuture()
                .join();
        assertThat(stillServed.result().rowCount()).isEqualTo(1);
        assertThat(bed.gateway().predict("SELECT * FROM lab.items WHERE id = 9").predictedMs())
                .isEmpty();
    }

    @Test
    void theAnomalyDetectorTrainsWithoutLabelsAndScansRecentExecutions() throws Exception {
        TrainingOutcome outcome = pipeline(QUICK)
                .train(List.of(ModelKind.COST, ModelKind.ANOMALY), "manual", TrainingProgress.SILENT)
                .get(1);
        assertThat(outcome.status()).isEqualTo(TrainingOutcome.Status.ACTIVATED);
        assertThat(outcome.reason()).contains("without labels the slow-execution baseline");
        assertThat(outcome.metrics()).containsKey("baseline_on_test");
        AnomalyScan.Scan scan =
                new AnomalyScan(bed.database().systemPool(), bed.gateway().models()).scan(Duration.ofDays(1));
        assertThat(scan.scanned()).isGreaterThanOrEqualTo(700);
        assertThat(scan.anomalies().size()).isLessThan(scan.scanned() / 5);
    }

    private static ModelVersion registerConstantCostModel(double ms) throws Exception {
        int inputs = CostFeatures.SCHEMA.size();
        byte[] network = ArtifactFormat.write(
                0x44574E4E,
                2,
                out -> { // DenseNetwork's frame: one layer, no weights
                    double[] ones = new double[inputs];
                    Arrays.fill(ones, 1);
                    ArtifactFormat.writeDoubles(out, new double[inputs]);
                    ArtifactFormat.writeDoubles(out, ones);
                    out.writeInt(1);
                    out.writeInt(1);
                    for (int i = 0; i <= inputs; i++) {
                        out.writeFloat(0f);
                    }
                    out.writeDouble(Math.log(ms));
                    out.writeDouble(1);
                });
        LearnedCostModel model =
                new LearnedCostModel(CostFeatures.SCHEMA, QUICK.get(0), DenseNetwork.fromBytes(network));
        return new ModelRegistry(bed.database().systemPool())
                .register(new NewModelVersion(
                        ModelKind.COST.name(),
                        ModelKind.COST.algorithm(),
                        model.toArtifact(),
                        ModelKind.COST.artifactFormat(),
                        "{}",
                        "{}",
                        CostFeatures.SCHEMA.names(),
                        1,
                        1,
                        OptionalLong.empty()));
    }

    private static void corrupt(long id) throws Exception {
        try (Connection c = bed.database().systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE ml.model_registry"
                                + " SET artifact = overlay(artifact placing '\\xdeadbeef'::bytea from 40) WHERE model_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static long alerts() throws Exception {
        return LabWorkload.longValue(
                bed.database(), "SELECT count(*) FROM metadata.anomalies WHERE kind = '" + ModelAlerts.KIND + "'");
    }

    @SuppressWarnings("unchecked")
    private static CostMetrics metrics(Object byPredictor) {
        Map<String, Object> m = (Map<String, Object>) byPredictor;
        if (m.containsKey("mlp")) {
            m = (Map<String, Object>) m.get("mlp");
        }
        double[] v = new double[7];
        String[] keys = {"n", "q_error_median", "q_error_p90", "q_error_p95", "q_error_p99", "r2_log", "mae_percent"};
        for (int i = 0; i < keys.length; i++) {
            v[i] = ((Number) m.get(keys[i])).doubleValue();
        }
        return new CostMetrics((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }

    private static LoggedExecution awaitLogged(long queryId) throws Exception {
        TrainingData data = new TrainingData(bed.database().systemPool());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (LoggedExecution e : data.executions(
                    Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().plus(Duration.ofMinutes(1)),
                    CostFeatures.SCHEMA.version())) {
                if (e.queryId() == queryId) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("query " + queryId + " was not logged within 10 s");
    }
}
