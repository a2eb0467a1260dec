package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.nn.DenseNetwork;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import io.dwpilot.models.ml.nn.MlpTrainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one {@link LearnedCostModel} per grid point on the training examples (early stopping on the validation
 * examples) and keeps the one whose validation metrics are best by the activation rule
 * ({@link CostMetrics#betterThan}); on a tie the earlier grid point stays.
 */
public final class CostModelTrainer {
    /**
     * @throws IllegalArgumentException if a set is empty, the grid is empty, or the examples mix feature schemas
     */
    public TrainedCostModel train(
            List<CostExample> train, List<CostExample> validation, List<MlpHyperParameters> grid) {
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the hyper-parameter grid is empty");
        }
        ExampleMatrix trainData = ExampleMatrix.of(train, "training");
        ExampleMatrix validationData = ExampleMatrix.of(validation, "validation");
        if (!validationData.schema().equals(trainData.schema())) {
            throw new IllegalArgumentException("training and validation examples have different feature schemas");
        }
        Map<String, CostMetrics> scores = new LinkedHashMap<>();
        LearnedCostModel best = null;
        CostMetrics bestScore = null;
        for (MlpHyperParameters hp : grid) {
            DenseNetwork network =
                    MlpTrainer.train(trainData.x(), trainData.y(), validationData.x(), validationData.y(), hp);
            LearnedCostModel model = new LearnedCostModel(trainData.schema(), hp, network);
            CostMetrics score = CostMetrics.of(model, validation);
            scores.put(hp.label(), score);
            if (best == null || score.betterThan(bestScore)) {
                best = model;
                bestScore = score;
            }
        }
        return new TrainedCostModel(best, best.hyperParameters(), bestScore, scores);
    }

    /**
     * Three points around a two-hidden-layer network, sized so that 20-30 thousand examples of about 60 features
     * train the whole grid in well under a minute on two cores.
     */
    public static List<MlpHyperParameters> defaultGrid() {
        return List.of(
                new MlpHyperParameters(List.of(64, 32), 60, 2e-3f, 256, 1e-5f, 17),
                new MlpHyperParameters(List.of(128, 64), 60, 1e-3f, 256, 1e-5f, 17),
                new MlpHyperParameters(List.of(256, 128), 60, 1e-3f, 256, 1e-4f, 17));
    }
}
