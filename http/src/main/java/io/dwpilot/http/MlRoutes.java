package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.put;
import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.agents.learning.AnomalyScan;
import io.dwpilot.agents.learning.WorkloadPredictor;
import io.dwpilot.agents.trainer.TrainerControls;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.CostPrediction;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.CorruptArtifactException;
import io.dwpilot.models.ml.cluster.ClusterProfile;
import io.dwpilot.models.ml.cluster.Point;
import io.dwpilot.models.ml.cluster.QueryClusters;
import io.dwpilot.persistence.ml.Accuracy;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.ml.ModelVersion;
import io.dwpilot.persistence.ml.OnlineAccuracy;
import io.dwpilot.persistence.ml.PredictedExecutions;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.ml.TrainingRun;
import io.dwpilot.persistence.ml.TrainingRuns;
import io.dwpilot.persistence.query.QueryScope;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The learned models (issue 6): the registry's versions and their metrics, activation of any kept version (admin),
 * the active models' online accuracy, the training runs, training on demand through the trainer agent (admin; its
 * outcomes come on the live feed), the active query clustering with its 2-D projection, and the three predictions:
 * a statement's cost, the coming workload, and anomalies among recent executions (workload view); and the cost
 * model's predictions beside the measured times. Without the workload view the clusters' texts and the predictions
 * are of the caller's own statements.
 */
public final class MlRoutes {
    private static final int MAX_HORIZON_BUCKETS = 288;
    private static final int DEFAULT_HORIZON_BUCKETS = 72;
    private static final Duration DEFAULT_SCAN = Duration.ofHours(1);
    private static final Duration MAX_SCAN = Duration.ofDays(7);
    private static final int DEFAULT_RUNS = 50;
    private static final int MAX_RUNS = 1000;
    /** The longest model name a body may hold: the names are short words. */
    private static final int MAX_NAME = 40;

    /** A model version as the API shows it: its metrics and hyper-parameters as JSON objects. */
    public record ModelView(
            long id,
            String name,
            int version,
            String algorithm,
            String artifactFormat,
            int artifactBytes,
            JsonNode metrics,
            JsonNode hyperParameters,
            List<String> features,
            long trainingDataSize,
            OptionalLong trainingTimeMs,
            boolean active,
            Instant createdAt,
            Optional<Instant> activatedAt) {
        static ModelView of(ModelVersion v) {
            try {
                return new ModelView(
                        v.id(),
                        v.name(),
                        v.version(),
                        v.algorithm(),
                        v.artifactFormat(),
                        v.artifactBytes(),
                        Json.MAPPER.readTree(v.metricsJson()),
                        Json.MAPPER.readTree(v.hyperParametersJson()),
                        v.features(),
                        v.trainingDataSize(),
                        v.trainingTimeMs(),
                        v.active(),
                        v.createdAt(),
                        v.activatedAt());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("model " + v.id() + " holds metrics that are no JSON", e);
            }
        }
    }

    public record ModelsView(List<ModelView> models) {}

    /** Which version serves for each model (absent: its baseline serves). */
    public record Serving(String model, Optional<String> version) {}

    /** The cost model's accuracy on recent executions of workload time. */
    public record PerformanceView(List<Serving> serving, Accuracy costLastHour, Accuracy costLastDay) {}

    public record TrainingRunsView(List<TrainingRunView> runs) {}

    /** One training run; its metrics as a JSON object. */
    public record TrainingRunView(
            long id,
            String model,
            String trigger,
            String status,
            OptionalLong trainRows,
            OptionalLong validationRows,
            OptionalLong testRows,
            JsonNode metrics,
            Optional<String> message,
            Instant startedAt,
            Optional<Instant> finishedAt) {
        static TrainingRunView of(TrainingRun r) {
            try {
                return new TrainingRunView(
                        r.runId(),
                        r.modelName(),
                        r.trigger(),
                        r.status(),
                        r.trainRows(),
                        r.validationRows(),
                        r.testRows(),
                        Json.MAPPER.readTree(r.metricsJson()),
                        r.message(),
                        r.startedAt(),
                        r.finishedAt());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("training run " + r.runId() + " holds metrics that are no JSON", e);
            }
        }
    }

    /** A fingerprint in the clusters' 2-D projection, with its normalized text (absent when none was logged). */
    public record PointView(String fingerprint, int cluster, double x, double y, Optional<String> text) {}

    /** The active query clustering: its clusters' profiles and every fingerprint's place in the projection. */
    public record ClustersView(
            String model,
            int k,
            double silhouette,
            Map<Integer, Double> silhouetteByK,
            List<ClusterProfile> clusters,
            List<PointView> points) {}

    public record Message(String message) {}

    private final ModelRegistry registry;
    private final ActiveModels models;
    private final OnlineAccuracy accuracy;
    private final TrainingRuns runs;
    private final TrainingData data;
    private final QueryGateway gateway;
    private final WorkloadPredictor workload;
    private final AnomalyScan anomalies;
    private final Optional<TrainerControls> trainer;
    private final PredictionFit predictions;
    private final Executor blocking;

    public MlRoutes(
            DataSource dataSource,
            QueryGateway gateway,
            Optional<TrainerControls> trainer,
            Clock clock,
            Executor blocking) {
        this.registry = new ModelRegistry(dataSource);
        this.models = gateway.models();
        this.accuracy = new OnlineAccuracy(dataSource);
        this.runs = new TrainingRuns(dataSource);
        this.data = new TrainingData(dataSource);
        this.gateway = gateway;
        this.workload = new WorkloadPredictor(dataSource, models);
        this.anomalies = new AnomalyScan(dataSource, models);
        this.trainer = trainer;
        this.predictions = new PredictionFit(new PredictedExecutions(dataSource), clock);
        this.blocking = blocking;
    }

    /** The routes for an authenticated caller (authentication is wired by whoever mounts them). */
    public Route route(Caller caller) {
        return pathPrefix(
                segment("api").slash("v1").slash("ml"),
                () -> concat(
                        pathPrefix(
                                "models",
                                () -> concat(
                                        pathEndOrSingleSlash(() -> get(() -> parameterMap(p -> BlockingRoute.respond(
                                                blocking,
                                                () -> Json.response(
                                                        StatusCodes.OK,
                                                        new ModelsView(
                                                                registry.list(QueryParameters.text(p, "name")).stream()
                                                                        .map(ModelView::of)
                                                                        .toList())))))),
                                        path(
                                                "performance",
                                                () -> get(() -> BlockingRoute.respond(blocking, this::performance))),
                                        path(
                                                "train",
                                                () -> post(() -> Authenticated.admin(
                                                        caller,
                                                        () -> JsonBody.required(
                                                                "{\"models\": [\"cost\"]}",
                                                                body -> train(
                                                                        caller,
                                                                        body.only(Set.of("models"))
                                                                                .texts("models", MAX_NAME)
                                                                                .orElse(List.of())))))),
                                        path(
                                                longSegment(),
                                                id -> get(() -> BlockingRoute.respond(
                                                        blocking,
                                                        () -> registry.find(id)
                                                                .map(v ->
                                                                        Json.response(StatusCodes.OK, ModelView.of(v)))
                                                                .orElseGet(() -> notFound("no model version " + id))))),
                                        path(
                                                longSegment().slash("activate"),
                                                id -> put(() -> Authenticated.admin(
                                                        caller,
                                                        () -> BlockingRoute.respond(blocking, () -> activate(id))))))),
                        path(
                                "clusters",
                                () -> get(() -> BlockingRoute.respond(blocking, () -> clusters(caller.queryScope())))),
                        path(
                                "predictions",
                                () -> get(() -> parameterMap(p -> BlockingRoute.respond(
                                        blocking,
                                        () -> Json.response(
                                                StatusCodes.OK, predictions.read(p, caller.queryScope())))))),
                        path(
                                "training-runs",
                                () -> get(() -> parameterMap(p -> BlockingRoute.respond(
                                        blocking,
                                        () -> Json.response(
                                                StatusCodes.OK,
                                                new TrainingRunsView(runs
                                                        .recent(
                                                                QueryParameters.text(p, "model"),
                                                                QueryParameters.integer(
                                                                        p, "limit", DEFAULT_RUNS, 1, MAX_RUNS))
                                                        .stream()
                                                        .map(TrainingRunView::of)
                                                        .toList())))))),
                        path(
                                segment("predict").slash("query-cost"),
                                () -> post(() -> JsonBody.required(
                                        "{\"sql\": \"SELECT 1\"}",
                                        body -> predictCost(
                                                body.only(Set.of("sql")).requiredText("sql", Integer.MAX_VALUE))))),
                        path(
                                segment("predict").slash("workload"),
                                () -> post(() -> JsonBody.required(
                                        "{\"horizonBuckets\": 72}",
                                        body -> predictWorkload(body.only(Set.of("horizonBuckets"))
                                                .integer("horizonBuckets", 1, MAX_HORIZON_BUCKETS)
                                                .orElse(DEFAULT_HORIZON_BUCKETS))))),
                        // it scans every user's executions, and answers with them
                        path(
                                segment("detect").slash("anomalies"),
                                () -> post(() -> Authenticated.workloadView(
                                        caller,
                                        () -> JsonBody.required("{\"windowMinutes\": 60}", body -> {
                                            OptionalInt minutes = body.only(Set.of("windowMinutes"))
                                                    .integer("windowMinutes", 1, (int) MAX_SCAN.toMinutes());
                                            return detect(
                                                    minutes.isPresent()
                                                            ? Duration.ofMinutes(minutes.getAsInt())
                                                            : DEFAULT_SCAN);
                                        }))))));
    }

    private HttpResponse performance() throws Exception {
        List<Serving> serving = ModelKind.ALL.stream()
                .map(k -> new Serving(k.name(), models.get(k).map(ActiveModels.Serving::label)))
                .toList();
        return Json.response(
                StatusCodes.OK,
                new PerformanceView(
                        serving, accuracy.recent(Duration.ofHours(1)), accuracy.recent(Duration.ofDays(1))));
    }

    /** Every fingerprint's place, with the normalized text only of those the scope executed. */
    private HttpResponse clusters(QueryScope scope) throws Exception {
        Optional<ActiveModels.Serving<QueryClusters>> serving = models.get(ModelKind.CLUSTER);
        if (serving.isEmpty()) {
            return notFound("no query clustering is active: train one (POST /api/v1/ml/models/train)");
        }
        QueryClusters clusters = serving.get().model();
        List<String> fingerprints =
                clusters.projection().stream().map(Point::fingerprint).toList();
        Map<String, String> texts = data.normalizedTexts(fingerprints, scope);
        List<PointView> points = clusters.projection().stream()
                .map(p -> new PointView(
                        p.fingerprint(), p.cluster(), p.x(), p.y(), Optional.ofNullable(texts.get(p.fingerprint()))))
                .toList();
        return Json.response(
                StatusCodes.OK,
                new ClustersView(
                        serving.get().label(),
                        clusters.k(),
                        clusters.silhouette(),
                        clusters.silhouetteByK(),
                        clusters.clusters(),
                        points));
    }

    private HttpResponse activate(long id) throws Exception {
        try {
            return Json.response(StatusCodes.OK, ModelView.of(models.activate(id)));
        } catch (NoSuchElementException e) {
            return notFound(e.getMessage());
        } catch (CorruptArtifactException e) {
            return ApiErrors.of(
                    StatusCodes.CONFLICT,
                    "corrupt_artifact",
                    "model version " + id + " cannot be activated: its artifact cannot be read (" + e.getMessage()
                            + ")",
                    null);
        }
    }

    private Route train(Caller caller, List<String> names) {
        for (String name : names) {
            if (ModelKind.named(name).isEmpty()) {
                return complete(ApiErrors.badRequest(
                        "models: unknown model '" + Quoted.prefix(name) + "': try cost, forecast, anomaly or cluster"));
            }
        }
        if (trainer.isEmpty()) {
            return complete(ApiErrors.of(
                    StatusCodes.SERVICE_UNAVAILABLE,
                    "agents_not_running",
                    "training runs in the trainer agent, which is not running in this server",
                    null));
        }
        return completeWithFuture(trainer.get()
                .train(names, caller.userId())
                .thenApply(message -> Json.response(StatusCodes.ACCEPTED, new Message(message)))
                .exceptionally(IndexerErrors::toResponse));
    }

    private Route predictCost(String sql) {
        CostPrediction prediction = gateway.predict(sql);
        return complete(Json.response(StatusCodes.OK, prediction));
    }

    /** @param horizon in five-minute buckets */
    private Route predictWorkload(int horizon) {
        return BlockingRoute.respond(blocking, () -> {
            try {
                return Json.response(StatusCodes.OK, workload.predict(horizon));
            } catch (NoSuchElementException e) {
                return ApiErrors.of(StatusCodes.CONFLICT, "not_enough_data", e.getMessage(), null);
            }
        });
    }

    private Route detect(Duration window) {
        return BlockingRoute.respond(blocking, () -> {
            try {
                return Json.response(StatusCodes.OK, anomalies.scan(window));
            } catch (NoSuchElementException e) {
                return ApiErrors.of(StatusCodes.CONFLICT, "no_model", e.getMessage(), null);
            }
        });
    }

    private static HttpResponse notFound(String message) {
        return ApiErrors.of(StatusCodes.NOT_FOUND, "not_found", message, null);
    }
}
