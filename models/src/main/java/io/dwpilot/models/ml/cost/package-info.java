/**
 * Predicting a statement's execution time: the learned model ({@link io.dwpilot.models.ml.cost.LearnedCostModel}),
 * two baselines reported beside it ({@link io.dwpilot.models.ml.cost.PlannerCostBaseline},
 * {@link io.dwpilot.models.ml.cost.HistoryMeanBaseline}), their metrics ({@link io.dwpilot.models.ml.cost.CostMetrics},
 * whose {@code betterThan} is the activation rule), the ways to split logged executions
 * ({@link io.dwpilot.models.ml.cost.CostSplits}) and the grid-search trainer
 * ({@link io.dwpilot.models.ml.cost.CostModelTrainer}).
 */
package io.dwpilot.models.ml.cost;
