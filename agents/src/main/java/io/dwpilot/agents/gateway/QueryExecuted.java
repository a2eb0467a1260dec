package io.dwpilot.agents.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Published after every execution, successful or not, for the agents that watch the workload. */
public record QueryExecuted(long queryId, String fingerprint, String statementKind, List<String> tables,
                            Caller caller, String status, double executionTimeMs, long rows, Instant executedAt,
                            Optional<Instant> simulatedAt) {
}
