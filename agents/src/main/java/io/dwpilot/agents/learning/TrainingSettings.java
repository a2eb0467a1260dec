package io.dwpilot.agents.learning;

import io.dwpilot.models.ml.cost.CostModelTrainer;
import io.dwpilot.models.ml.forecast.LearnedForecaster;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the pipeline trains: on the executions of the last {@code lookback} of workload time, tuning the cost model
 * and the forecaster over these hyper-parameter grids (each point trains one network; sized for two CPU cores).
 */
public record TrainingSettings(
        Duration lookback, List<MlpHyperParameters> costGrid, List<MlpHyperParameters> forecastGrid) {
    public TrainingSettings {
        Objects.requireNonNull(lookback, "lookback");
        costGrid = List.copyOf(costGrid);
        forecastGrid = List.copyOf(forecastGrid);
        if (lookback.isNegative() || lookback.isZero() || costGrid.isEmpty() || forecastGrid.isEmpty()) {
            throw new IllegalArgumentException("training needs a positive lookback and at least one setting per grid");
        }
    }

    /** The default grids over the last {@code lookback}. */
    public static TrainingSettings defaults(Duration lookback) {
        return new TrainingSettings(lookback, CostModelTrainer.defaultGrid(), LearnedForecaster.defaultGrid());
    }

    public TrainingSettings withCostGrid(List<MlpHyperParameters> newCostGrid) {
        return new TrainingSettings(lookback, newCostGrid, forecastGrid);
    }
}
