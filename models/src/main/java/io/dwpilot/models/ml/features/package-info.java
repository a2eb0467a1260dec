/**
 * The features of one execution: {@link io.dwpilot.models.ml.features.CostInputs} gathers what is known before a
 * statement runs (its analysis, the planner's {@link io.dwpilot.models.ml.features.PlanSummary}, the
 * {@link io.dwpilot.models.ml.features.DataVolume} it reads, the {@link io.dwpilot.models.ml.features.ExecutionContext}
 * and its fingerprint's {@link io.dwpilot.models.ml.features.HistorySnapshot}), and
 * {@link io.dwpilot.models.ml.features.CostFeatures#extract} turns it into the one vector both the gateway (to
 * predict) and the trainer (to learn) use.
 */
package io.dwpilot.models.ml.features;
