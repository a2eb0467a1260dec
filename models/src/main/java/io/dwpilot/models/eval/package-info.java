/**
 * Evaluation: forecast accuracy ({@link io.dwpilot.models.eval.ForecastMetrics}), detection quality
 * ({@link io.dwpilot.models.eval.DetectionMetrics}) and time-ordered walk-forward validation
 * ({@link io.dwpilot.models.eval.WalkForward}). Pure functions, no state.
 */
package io.dwpilot.models.eval;
