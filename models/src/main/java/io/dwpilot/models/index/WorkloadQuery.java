package io.dwpilot.models.index;

import io.dwpilot.models.sql.QueryAnalysis;
import java.util.Objects;

/**
 * One fingerprint of the workload with how much it counts: its executions in the observed window, or its forecast
 * frequency when there is one.
 */
public record WorkloadQuery(QueryAnalysis analysis, double weight) {
    public WorkloadQuery {
        Objects.requireNonNull(analysis, "analysis");
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("weight must be finite and not negative: " + weight);
        }
    }
}
