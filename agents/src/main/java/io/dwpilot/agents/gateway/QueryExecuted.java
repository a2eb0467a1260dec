package io.dwpilot.agents.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Published after every execution, successful or not, for the agents that watch the workload. {@code columns} are
 * the columns the statement names, as {@code table.column} ({@code column} alone when the text does not tell the
 * table); {@code status} is ok, error, timeout or rejected; {@code simulatedAt} is the simulator's clock when it
 * drove the statement.
 */
public record QueryExecuted(long queryId, String fingerprint, String statementKind, List<String> tables,
                            List<String> columns, Caller caller, String status, double executionTimeMs, long rows,
                            Instant executedAt, Optional<Instant> simulatedAt) {
    /** When it happened in workload time: the simulator's clock when it drove the statement, else the wall clock. */
    public Instant workloadTime() {
        return simulatedAt.orElse(executedAt);
    }
}
