package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a grid search: the chosen model, its hyper-parameters, its validation metrics, and every grid
 * point's validation metrics keyed by {@link MlpHyperParameters#label()} in grid order.
 */
public record TrainedCostModel(
        LearnedCostModel model, MlpHyperParameters chosen, CostMetrics validation, Map<String, CostMetrics> grid) {
    public TrainedCostModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(validation, "validation");
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
    }
}
