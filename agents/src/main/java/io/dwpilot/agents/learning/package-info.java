/**
 * The learned models at work: which version of each model serves ({@link io.dwpilot.agents.learning.ActiveModels},
 * with fallbacks when an artifact is corrupt), the gateway's cost estimate for every statement
 * ({@link io.dwpilot.agents.learning.CostEstimator}), and the training pipeline that extracts logged executions,
 * trains, evaluates against baselines and the active version on the same test set, registers and activates
 * ({@link io.dwpilot.agents.learning.TrainingPipeline}). The trainer agent decides when it runs.
 */
package io.dwpilot.agents.learning;
