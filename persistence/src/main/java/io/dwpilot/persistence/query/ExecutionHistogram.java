package io.dwpilot.persistence.query;

import io.dwpilot.persistence.Criteria;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Execution times of the logged executions a history filter selects, counted per bin and per speed band. Rejected
 * statements never ran, so they have no time to count.
 */
public final class ExecutionHistogram {
    /**
     * {@code counts[i]} executions in bin {@code i} (0: below the first edge; i: from edge i - 1 to edge i; the last:
     * from the last edge on) and the executions below {@code moderateMs} (fast), below {@code slowMs} (moderate) and
     * from it on (slow).
     */
    public record Counts(long[] counts, long fast, long moderate, long slow) {
        public Counts {
            counts = counts.clone();
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        public long total() {
            return Arrays.stream(counts).sum();
        }
    }

    private final DataSource dataSource;

    public ExecutionHistogram(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** @param edges the bins' edges, ascending */
    public Counts count(QueryHistoryFilter filter, double[] edges, double moderateMs, double slowMs)
            throws SQLException {
        if (!(moderateMs < slowMs)) {
            throw new IllegalArgumentException(
                    "the moderate threshold must be below the slow one, got " + moderateMs + " and " + slowMs);
        }
        Criteria criteria = QueryLogRepository.criteria(filter)
                .where("execution_time_ms IS NOT NULL")
                .where("status NOT IN ('rejected', 'explained')"); // executions, not refusals or plans
        String sql = """
                SELECT width_bucket(execution_time_ms, ?::float8[]) AS bin, count(*) AS executions,
                       count(*) FILTER (WHERE execution_time_ms < ?) AS fast,
                       count(*) FILTER (WHERE execution_time_ms >= ? AND execution_time_ms < ?) AS moderate,
                       count(*) FILTER (WHERE execution_time_ms >= ?) AS slow
                FROM metadata.query_logs""" + criteria.sql() + " GROUP BY bin";
        long[] counts = new long[edges.length + 1];
        long fast = 0;
        long moderate = 0;
        long slow = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(
                    1, c.createArrayOf("float8", Arrays.stream(edges).boxed().toArray()));
            ps.setDouble(2, moderateMs);
            ps.setDouble(3, moderateMs);
            ps.setDouble(4, slowMs);
            ps.setDouble(5, slowMs);
            criteria.bind(ps, 6);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts[rs.getInt("bin")] = rs.getLong("executions");
                    fast += rs.getLong("fast");
                    moderate += rs.getLong("moderate");
                    slow += rs.getLong("slow");
                }
            }
        }
        return new Counts(counts, fast, moderate, slow);
    }
}
