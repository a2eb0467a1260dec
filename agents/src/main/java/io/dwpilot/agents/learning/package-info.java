/**
 * The learned models' training: the pipeline that extracts logged executions, trains, evaluates against baselines
 * and the active version on the same test set, registers and activates ({@link
 * io.dwpilot.agents.learning.TrainingPipeline}), one training per model kind, and the workload and anomaly
 * predictions of the API. The trainer agent decides when it runs; the gateway serves the active versions ({@link
 * io.dwpilot.gateway.serving.ActiveModels}, {@link io.dwpilot.gateway.serving.CostEstimator}).
 */
package io.dwpilot.agents.learning;
