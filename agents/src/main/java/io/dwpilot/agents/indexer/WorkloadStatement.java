package io.dwpilot.agents.indexer;

import java.util.Objects;

/**
 * One statement of the workload to advise on: literal SQL that stands for its fingerprint, and how much it counts
 * (its executions in the observed window, or its forecast frequency).
 */
public record WorkloadStatement(String sql, double weight) {
    public WorkloadStatement {
        Objects.requireNonNull(sql, "sql");
        if (!Double.isFinite(weight) || weight < 0) {
            throw new IllegalArgumentException("weight must be finite and not negative: " + weight);
        }
    }
}
