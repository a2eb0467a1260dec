package io.dwpilot.gateway;

import io.dwpilot.models.ml.features.HistorySnapshot;
import io.dwpilot.persistence.query.ExecutionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Published after every execution, successful or not, for the agents that watch the workload. {@code queryId} is
 * empty when the database could not give one at the time (see QueryIds); {@code columns} are the columns the
 * statement names, as {@code table.column} ({@code column} alone when the text does not tell the table);
 * {@code status} is ok, error, timeout or rejected (never explained: agents do not hear of explain requests);
 * {@code simulatedAt} is the simulator's clock when it drove the statement; {@code predictedMs} is the cost model's
 * prediction when one served; {@code history} (the fingerprint's latency history before this execution) and
 * {@code concurrentQueries} (statements running beside it when it arrived) are there when the gateway learns;
 * {@code sql} is the start of the statement's text (at most {@value #SQL_EXCERPT} characters: enough to recognize it
 * on the live feed, never a whole generated statement).
 */
public record QueryExecuted(
        OptionalLong queryId,
        String fingerprint,
        String statementKind,
        List<String> tables,
        List<String> columns,
        Caller caller,
        ExecutionStatus status,
        double executionTimeMs,
        long rows,
        Instant executedAt,
        Optional<Instant> simulatedAt,
        Optional<Double> predictedMs,
        Optional<HistorySnapshot> history,
        OptionalInt concurrentQueries,
        String sql) {
    public static final int SQL_EXCERPT = 300;

    public QueryExecuted {
        sql = excerpt(sql);
    }

    /** An execution without a cost estimate or text (a test). */
    public QueryExecuted(
            long queryId,
            String fingerprint,
            String statementKind,
            List<String> tables,
            List<String> columns,
            Caller caller,
            ExecutionStatus status,
            double executionTimeMs,
            long rows,
            Instant executedAt,
            Optional<Instant> simulatedAt) {
        this(
                OptionalLong.of(queryId),
                fingerprint,
                statementKind,
                tables,
                columns,
                caller,
                status,
                executionTimeMs,
                rows,
                executedAt,
                simulatedAt,
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                "");
    }

    /** The text cut at {@value #SQL_EXCERPT} characters, never inside a surrogate pair. */
    static String excerpt(String sql) {
        if (sql.length() <= SQL_EXCERPT) {
            return sql;
        }
        int end = Character.isHighSurrogate(sql.charAt(SQL_EXCERPT - 1)) ? SQL_EXCERPT - 1 : SQL_EXCERPT;
        return sql.substring(0, end);
    }

    /** When it happened in workload time: the simulator's clock when it drove the statement, else the wall clock. */
    public Instant workloadTime() {
        return simulatedAt.orElse(executedAt);
    }
}
