package io.dwpilot.agents.learning;

import io.dwpilot.models.ml.cost.CostPredictor;
import io.dwpilot.persistence.ml.LoggedExecution;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one pipeline run trains on: the logged executions of its window (oldest first), the executions the
 * simulator labelled anomalous with the kind of their episode (empty outside experiments), and the cost model that
 * serves once the cost step ran (the anomaly detector reads residuals against it).
 */
record TrainingSet(
        Instant from,
        Instant to,
        List<LoggedExecution> executions,
        Map<Long, String> anomalyLabels,
        Optional<CostPredictor> costModel) {
    TrainingSet withCostModel(Optional<CostPredictor> model) {
        return new TrainingSet(from, to, executions, anomalyLabels, model);
    }
}
