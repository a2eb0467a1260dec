package io.dwpilot.agents.gateway;

import io.dwpilot.models.ml.features.HistorySnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Published after every execution, successful or not, for the agents that watch the workload. {@code columns} are
 * the columns the statement names, as {@code table.column} ({@code column} alone when the text does not tell the
 * table); {@code status} is ok, error, timeout or rejected; {@code simulatedAt} is the simulator's clock when it
 * drove the statement; {@code predictedMs} is the cost model's prediction when one served; {@code history} (the
 * fingerprint's latency history before this execution) and {@code concurrentQueries} (statements running beside it
 * when it arrived) are there when the gateway learns.
 */
public record QueryExecuted(long queryId, String fingerprint, String statementKind, List<String> tables,
                            List<String> columns, Caller caller, String status, double executionTimeMs, long rows,
                            Instant executedAt, Optional<Instant> simulatedAt, Optional<Double> predictedMs,
                            Optional<HistorySnapshot> history, OptionalInt concurrentQueries) {
    /** An execution without a cost estimate (the gateway's learning off, or a test). */
    public QueryExecuted(long queryId, String fingerprint, String statementKind, List<String> tables,
                         List<String> columns, Caller caller, String status, double executionTimeMs, long rows,
                         Instant executedAt, Optional<Instant> simulatedAt) {
        this(queryId, fingerprint, statementKind, tables, columns, caller, status, executionTimeMs, rows, executedAt,
                simulatedAt, Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    /** When it happened in workload time: the simulator's clock when it drove the statement, else the wall clock. */
    public Instant workloadTime() {
        return simulatedAt.orElse(executedAt);
    }
}
