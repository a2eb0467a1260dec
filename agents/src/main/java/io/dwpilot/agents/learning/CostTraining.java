package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.cost.CostExample;
import io.dwpilot.models.ml.cost.CostMetrics;
import io.dwpilot.models.ml.cost.CostModelTrainer;
import io.dwpilot.models.ml.cost.CostPredictor;
import io.dwpilot.models.ml.cost.CostSplits;
import io.dwpilot.models.ml.cost.HistoryMeanBaseline;
import io.dwpilot.models.ml.cost.LearnedCostModel;
import io.dwpilot.models.ml.cost.PlannerCostBaseline;
import io.dwpilot.models.ml.cost.TrainedCostModel;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import io.dwpilot.persistence.ml.LoggedExecution;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The query cost predictor: trained on the features the gateway logged with each successful execution, tuned on a
 * time-ordered validation split, and tested on the latest 15 % of executions and, separately, on fingerprints held
 * out of training altogether, beside two baselines (the planner's cost scaled to time, the fingerprint's
 * historical mean). The candidate must beat, on the latest executions' test set, both the history mean (what decides
 * the lanes while no cost model serves: each fingerprint's observed time) and the active version, if any.
 */
final class CostTraining implements ModelTraining {
    static final int MINIMUM_EXAMPLES = 300;
    private static final double TRAIN = 0.70;
    private static final double VALIDATION = 0.15;
    private static final long SEED = 17;

    private final ActiveModels models;
    private final List<MlpHyperParameters> grid;

    CostTraining(ActiveModels models, List<MlpHyperParameters> grid) {
        this.models = models;
        this.grid = grid;
    }

    @Override
    public ModelKind<?> kind() {
        return ModelKind.COST;
    }

    static List<CostExample> examples(List<LoggedExecution> executions) {
        return executions.stream()
                .filter(e -> e.status().succeeded() && !e.features().isEmpty())
                .map(e -> new CostExample(
                        e.fingerprint(), e.at(), CostFeatures.SCHEMA.vector(e.features()), e.executionMs()))
                .toList();
    }

    @Override
    public Candidate train(TrainingSet data, TrainingProgress progress) throws TrainingException {
        List<CostExample> examples = examples(data.executions());
        if (examples.size() < MINIMUM_EXAMPLES) {
            throw new TrainingException("only " + examples.size() + " successful executions with features (at least "
                    + MINIMUM_EXAMPLES + " are needed): run more queries through the gateway first");
        }
        CostSplits.Split split = CostSplits.byTime(examples, TRAIN, VALIDATION);
        progress.step(
                kind().name(),
                String.format(
                        Locale.ROOT,
                        "%,d executions: %,d train, %,d validation, %,d test" + " (time-ordered); tuning %d settings",
                        examples.size(),
                        split.train().size(),
                        split.validation().size(),
                        split.test().size(),
                        grid.size()));
        long started = System.nanoTime();
        TrainedCostModel trained = new CostModelTrainer().train(split.train(), split.validation(), grid);
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        LearnedCostModel model = trained.model();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test", scores(model, split));
        metrics.put("validation", trained.validation().asMap());
        metrics.put("inference_ms", inferenceMs(model, split.test()));
        metrics.put("fit_seconds", fitSeconds);

        progress.step(kind().name(), "held-out fingerprints: training on the others with the chosen settings");
        CostSplits.Split byFingerprint = CostSplits.byFingerprint(examples, VALIDATION, 1 - TRAIN - VALIDATION, SEED);
        if (!byFingerprint.test().isEmpty() && !byFingerprint.train().isEmpty()) {
            TrainedCostModel heldOut = new CostModelTrainer()
                    .train(byFingerprint.train(), byFingerprint.validation(), List.of(trained.chosen()));
            metrics.put("held_out_fingerprints", scores(heldOut.model(), byFingerprint));
            metrics.put(
                    "held_out_fingerprint_count",
                    byFingerprint.test().stream()
                            .map(CostExample::fingerprint)
                            .distinct()
                            .count());
        }

        CostMetrics candidate = CostMetrics.of(model, split.test());
        // what serves without a model: the gateway then routes by each fingerprint's observed time
        HistoryMeanBaseline withoutModel = HistoryMeanBaseline.fit(split.train());
        CostMetrics baseline = CostMetrics.of(withoutModel, split.test());
        boolean better = candidate.betterThan(baseline);
        String verdict = String.format(
                Locale.ROOT,
                "test q-error median %.3f / p90 %.3f against the %s baseline's %.3f / %.3f",
                candidate.qErrorMedian(),
                candidate.qErrorP90(),
                withoutModel.name(),
                baseline.qErrorMedian(),
                baseline.qErrorP90());
        Optional<ActiveModels.Serving<LearnedCostModel>> active =
                models.get(ModelKind.COST).filter(s -> s.model().schema().equals(CostFeatures.SCHEMA));
        if (active.isEmpty()) {
            verdict += " (no active cost model)";
        } else {
            CostMetrics current = CostMetrics.of(active.get().model(), split.test());
            metrics.put("active_on_test", current.asMap());
            better &= candidate.betterThan(current);
            verdict += String.format(
                    Locale.ROOT,
                    " and the active %s's %.3f / %.3f",
                    active.get().label(),
                    current.qErrorMedian(),
                    current.qErrorP90());
        }
        return new Candidate(
                model,
                model.toArtifact(),
                metrics,
                hyperParameters(trained.chosen()),
                CostFeatures.SCHEMA.names(),
                split.train().size(),
                split.validation().size(),
                split.test().size(),
                better,
                verdict);
    }

    /** The model's and both baselines' test metrics, the baselines fitted on the same training examples. */
    private static Map<String, Object> scores(CostPredictor model, CostSplits.Split split) {
        Map<String, Object> scores = new LinkedHashMap<>();
        for (CostPredictor p :
                List.of(model, PlannerCostBaseline.fit(split.train()), HistoryMeanBaseline.fit(split.train()))) {
            scores.put(p.name(), CostMetrics.of(p, split.test()).asMap());
        }
        return scores;
    }

    /** Milliseconds per prediction: the best of five passes over the test set (warm, as on the query path). */
    private static double inferenceMs(CostPredictor model, List<CostExample> test) {
        double best = Double.MAX_VALUE;
        double sink = 0;
        for (int pass = 0; pass < 5; pass++) {
            long start = System.nanoTime();
            for (CostExample e : test) {
                sink += model.predictMs(e.features());
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e6 / Math.max(1, test.size()));
        }
        return sink == Double.NEGATIVE_INFINITY ? Double.NaN : best; // keeps the loop from being optimized away
    }

    private static Map<String, Object> hyperParameters(MlpHyperParameters chosen) {
        return new LinkedHashMap<>(chosen.asMap());
    }
}
