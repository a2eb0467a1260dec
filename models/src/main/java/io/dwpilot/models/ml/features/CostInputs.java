package io.dwpilot.models.ml.features;

import io.dwpilot.models.sql.QueryAnalysis;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything known about one execution before it runs: the statement's analysis (absent when the text could not be
 * parsed), the dates its literals name, the planner's plan (absent when EXPLAIN was not run or failed), the data it
 * reads, the circumstances and its fingerprint's latency history so far.
 */
public record CostInputs(
        Optional<QueryAnalysis> analysis,
        DateLiterals dates,
        Optional<PlanSummary> plan,
        DataVolume volume,
        ExecutionContext context,
        HistorySnapshot history) {
    public CostInputs {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(history, "history");
    }
}
