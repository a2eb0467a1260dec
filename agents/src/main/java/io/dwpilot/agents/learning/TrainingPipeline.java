package io.dwpilot.agents.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.cost.CostPredictor;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.persistence.ml.AnomalyLabels;
import io.dwpilot.persistence.ml.LoggedExecution;
import io.dwpilot.persistence.ml.ModelRegistry;
import io.dwpilot.persistence.ml.ModelVersion;
import io.dwpilot.persistence.ml.NewModelVersion;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.ml.TrainingRuns;
import io.dwpilot.persistence.observations.ArrivalHistory;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains models end to end: reads the logged executions of the last {@code lookback} of workload time, trains each
 * requested model (cost first: the anomaly detector reads residuals against the cost model that serves after it),
 * registers every version that trained with its metrics and hyper-parameters in ml.model_registry (one row of
 * ml.training_runs per model), and activates a version only when it beats, on the same test set, both the baseline
 * that serves while no model does and the active version (if any); otherwise it stays registered as rejected, the
 * run's verdict naming the numbers of each.
 * One run at a time: a second caller waits.
 */
public final class TrainingPipeline {
    private static final Logger log = LoggerFactory.getLogger(TrainingPipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingData data;
    private final AnomalyLabels labels;
    private final ArrivalHistory arrivals;
    private final ModelRegistry registry;
    private final TrainingRuns runs;
    private final ActiveModels models;
    private final TrainingSettings settings;

    public TrainingPipeline(DataSource dataSource, ActiveModels models, TrainingSettings settings) {
        this.data = new TrainingData(dataSource);
        this.labels = new AnomalyLabels(dataSource);
        this.arrivals = new ArrivalHistory(dataSource);
        this.registry = new ModelRegistry(dataSource);
        this.runs = new TrainingRuns(dataSource);
        this.models = models;
        this.settings = settings;
    }

    /** Trains {@code kinds} (in {@link ModelKind#ALL}'s order) on the latest data; {@code trigger} is recorded. */
    public synchronized List<TrainingOutcome> train(List<ModelKind<?>> kinds, String trigger, TrainingProgress progress)
            throws SQLException {
        Optional<Instant> latest = data.latest();
        List<TrainingOutcome> outcomes = new ArrayList<>();
        if (latest.isEmpty()) {
            for (ModelKind<?> kind : kinds) {
                outcomes.add(failed(kind, runs.start(kind.name(), trigger), "no executions are logged yet", 0));
            }
            return outcomes;
        }
        Instant to = latest.get().plusNanos(1000);
        Instant earliestWanted = to.minus(settings.lookback());
        Instant from = data.earliest().filter(e -> e.isAfter(earliestWanted)).orElse(earliestWanted);
        progress.step("pipeline", "reading executions from " + from + " to " + latest.get());
        List<LoggedExecution> executions = data.executions(from, to, CostFeatures.SCHEMA.version());
        Map<Long, String> labelled = labels.labelledKinds(from, to);
        progress.step(
                "pipeline",
                String.format(
                        Locale.ROOT,
                        "%,d executions%s",
                        executions.size(),
                        labelled.isEmpty()
                                ? ""
                                : String.format(Locale.ROOT, ", %,d labelled anomalous", labelled.size())));
        TrainingSet set = new TrainingSet(from, to, executions, labelled, servingCostModel());
        for (ModelKind<?> kind : ModelKind.ALL) {
            if (kinds.contains(kind)) {
                outcomes.add(trainOne(training(kind), set, trigger, progress));
                if (kind == ModelKind.COST) {
                    set = set.withCostModel(servingCostModel());
                }
            }
        }
        return outcomes;
    }

    private Optional<CostPredictor> servingCostModel() {
        return models.get(ModelKind.COST)
                .map(ActiveModels.Serving::model)
                .filter(m -> m.schema().equals(CostFeatures.SCHEMA))
                .map(CostPredictor.class::cast);
    }

    private ModelTraining training(ModelKind<?> kind) {
        if (kind == ModelKind.COST) {
            return new CostTraining(models, settings.costGrid());
        } else if (kind == ModelKind.FORECAST) {
            return new ForecastTraining(models, arrivals, settings.forecastGrid());
        } else if (kind == ModelKind.ANOMALY) {
            return new AnomalyTraining(models);
        }
        return new ClusterTraining(models);
    }

    private TrainingOutcome trainOne(ModelTraining training, TrainingSet set, String trigger, TrainingProgress progress)
            throws SQLException {
        ModelKind<?> kind = training.kind();
        long runId = runs.start(kind.name(), trigger);
        long started = System.nanoTime();
        Candidate candidate;
        try {
            candidate = training.train(set, progress);
        } catch (TrainingException e) {
            log.info("Not training {}: {}", kind.name(), e.getMessage()); // e.g. too little data yet: expected
            return failed(kind, runId, e.getMessage(), millisSince(started));
        } catch (RuntimeException e) {
            log.warn("Training {} failed", kind.name(), e);
            return failed(kind, runId, e.getMessage() == null ? e.toString() : e.getMessage(), millisSince(started));
        }
        long trainingMs = millisSince(started);
        String metrics = json(candidate.metrics());
        ModelVersion version = registry.register(new NewModelVersion(
                kind.name(),
                kind.algorithm(),
                candidate.artifact(),
                kind.artifactFormat(),
                metrics,
                json(candidate.hyperParameters()),
                candidate.features(),
                candidate.trainRows(),
                trainingMs,
                OptionalLong.of(runId)));
        TrainingOutcome.Status status = TrainingOutcome.Status.REJECTED;
        if (candidate.better()) {
            version = models.activate(version.id());
            status = TrainingOutcome.Status.ACTIVATED;
        }
        runs.finish(
                runId,
                status == TrainingOutcome.Status.ACTIVATED ? "succeeded" : "rejected",
                candidate.trainRows(),
                candidate.validationRows(),
                candidate.testRows(),
                metrics,
                candidate.verdict());
        progress.step(
                kind.name(),
                String.format(
                        Locale.ROOT,
                        "v%d %s in %.1f s: %s",
                        version.version(),
                        status,
                        trainingMs / 1000.0,
                        candidate.verdict()));
        return new TrainingOutcome(
                kind.name(), status, Optional.of(version), candidate.verdict(), candidate.metrics(), trainingMs);
    }

    private TrainingOutcome failed(ModelKind<?> kind, long runId, String reason, long trainingMs) throws SQLException {
        runs.finish(runId, "failed", 0, 0, 0, "{}", reason);
        return new TrainingOutcome(
                kind.name(), TrainingOutcome.Status.FAILED, Optional.empty(), reason, Map.of(), trainingMs);
    }

    static String json(Map<String, Object> map) {
        try {
            return JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metrics are not JSON: " + e.getMessage(), e);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
