package io.dwpilot.agents.learning;

import io.dwpilot.models.ml.cost.CostModelTrainer;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the pipeline trains: on the executions of the last {@code lookback} of workload time, tuning the cost model
 * and the forecaster over these hyper-parameter grids (each point trains one network; sized for two CPU cores).
 */
public record TrainingSettings(Duration lookback, List<MlpHyperParameters> costGrid,
                               List<MlpHyperParameters> forecastGrid) {
    static final List<MlpHyperParameters> FORECAST_GRID = List.of(
            new MlpHyperParameters(List.of(32, 16), 60, 0.003f, 64, 1e-4f, 7),
            new MlpHyperParameters(List.of(64, 32), 60, 0.002f, 64, 1e-4f, 7));

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
        return new TrainingSettings(lookback, CostModelTrainer.defaultGrid(), FORECAST_GRID);
    }
}
