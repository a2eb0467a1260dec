package io.dwpilot.persistence.query;

import io.dwpilot.persistence.PagedQuery;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads the execution log: filtered, paginated history, single executions with their plan, per-fingerprint stats. */
public final class QueryLogRepository {
    private static final String COLUMNS = """
            query_id, query_text, fingerprint, normalized_text, statement_kind, user_id, user_role, status, error_code,
            error_message, execution_time_ms, queue_time_ms, predicted_time_ms, rows_returned, truncated,
            tables_accessed, executed_at, simulated_at""";

    private final DataSource dataSource;

    public QueryLogRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public PagedQuery.Page<LoggedQuery> history(QueryHistoryFilter f) throws SQLException {
        // sort is checked against a fixed set of column names by the filter, so it is safe to splice in
        String order = f.sort() + (f.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", query_id DESC";
        return new PagedQuery()
                .where(f.from(), "executed_at >= ?", Timestamp::from)
                .where(f.to(), "executed_at < ?", Timestamp::from)
                .where(f.text(), "query_text ILIKE ?", v -> "%" + escapeLike(v) + "%")
                .where(f.status(), "status = ?")
                .where(f.table(), "? = ANY (tables_accessed)")
                .where(f.minDurationMs(), "execution_time_ms >= ?")
                .where(f.maxDurationMs(), "execution_time_ms <= ?")
                .where(f.fingerprint(), "fingerprint = ?")
                .where(f.user(), "user_id = ?")
                .run(dataSource, COLUMNS, "metadata.query_logs", order, f.page(), f.size(), QueryLogRepository::read);
    }

    public Optional<LoggedQuery> find(long queryId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM metadata.query_logs WHERE query_id = ?")) {
            ps.setLong(1, queryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The newest captured plan of a fingerprint, as JSON text. */
    public Optional<String> latestPlan(String fingerprint) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT execution_plan::text FROM metadata.query_execution_plans"
                     + " WHERE fingerprint = ? ORDER BY captured_at DESC LIMIT 1")) {
            ps.setString(1, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public List<FingerprintStatistics> statistics(Optional<Instant> from, Optional<Instant> to, int limit)
            throws SQLException {
        String sql = """
                SELECT fingerprint, min(normalized_text),
                       count(*) FILTER (WHERE status = 'ok'), count(*) FILTER (WHERE status IN ('error', 'timeout')),
                       coalesce(avg(execution_time_ms) FILTER (WHERE status = 'ok'), 0),
                       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY execution_time_ms) FILTER (WHERE status = 'ok'), 0),
                       coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms) FILTER (WHERE status = 'ok'), 0),
                       coalesce(max(execution_time_ms) FILTER (WHERE status = 'ok'), 0),
                       coalesce(sum(execution_time_ms) FILTER (WHERE status = 'ok'), 0),
                       max(executed_at)
                FROM metadata.query_logs
                WHERE fingerprint IS NOT NULL AND executed_at >= ? AND executed_at < ?
                GROUP BY fingerprint
                ORDER BY 9 DESC
                LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from.orElse(Instant.EPOCH)));
            ps.setTimestamp(2, Timestamp.from(to.orElse(Instant.parse("9999-12-31T00:00:00Z"))));
            ps.setInt(3, limit);
            List<FingerprintStatistics> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FingerprintStatistics(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9),
                            rs.getTimestamp(10).toInstant()));
                }
            }
            return out;
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static LoggedQuery read(ResultSet rs) throws SQLException {
        Array tables = rs.getArray("tables_accessed");
        Timestamp simulated = rs.getTimestamp("simulated_at");
        return new LoggedQuery(rs.getLong("query_id"), rs.getString("query_text"),
                Optional.ofNullable(rs.getString("fingerprint")), Optional.ofNullable(rs.getString("normalized_text")),
                Optional.ofNullable(rs.getString("statement_kind")), rs.getString("user_id"), rs.getString("user_role"),
                rs.getString("status"), Optional.ofNullable(rs.getString("error_code")),
                Optional.ofNullable(rs.getString("error_message")), optionalDouble(rs, "execution_time_ms"),
                optionalDouble(rs, "queue_time_ms"), optionalDouble(rs, "predicted_time_ms"),
                Optional.ofNullable((Long) rs.getObject("rows_returned")), rs.getBoolean("truncated"),
                tables == null ? List.of() : Arrays.asList((String[]) tables.getArray()),
                rs.getTimestamp("executed_at").toInstant(),
                Optional.ofNullable(simulated).map(Timestamp::toInstant));
    }

    private static Optional<Double> optionalDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
