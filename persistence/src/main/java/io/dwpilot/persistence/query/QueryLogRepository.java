package io.dwpilot.persistence.query;

import io.dwpilot.persistence.Columns;
import io.dwpilot.persistence.Criteria;
import io.dwpilot.persistence.PagedQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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
        return new PagedQuery(criteria(f))
                .run(dataSource, COLUMNS, "metadata.query_logs", order, f.page(), f.size(), QueryLogRepository::read);
    }

    /** The rows a history filter selects (its sort and page aside): what the history lists and the histogram counts. */
    static Criteria criteria(QueryHistoryFilter f) {
        return f.scope()
                .restrict(new Criteria())
                .where(f.from(), "executed_at >= ?", Timestamp::from)
                .where(f.to(), "executed_at < ?", Timestamp::from)
                .where(f.text(), "query_text ILIKE ?", QueryLogRepository::containing)
                .where(f.status(), "status = ?")
                .where(f.table(), "? = ANY (tables_accessed)")
                .where(f.minDurationMs(), "execution_time_ms >= ?")
                .where(f.maxDurationMs(), "execution_time_ms <= ?")
                .where(f.fingerprint(), "fingerprint = ?")
                .where(f.user(), "user_id = ?");
    }

    /** The execution of that id, if logged and within the scope. */
    public Optional<LoggedQuery> find(long queryId, QueryScope scope) throws SQLException {
        Criteria criteria = scope.restrict(new Criteria().where(Optional.of(queryId), "query_id = ?"));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM metadata.query_logs" + criteria.sql())) {
            criteria.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The simulator's clock on the newest statement it drove, if it ever drove one: where a restarted simulator
     * carries on, so that workload time never runs backwards across restarts.
     */
    public Optional<Instant> latestSimulatedAt() throws SQLException {
        // ordered as the workload-time index is, so it reads from the newest end (wall-clock rows only interleave)
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT simulated_at FROM metadata.query_logs"
                        + " WHERE simulated_at IS NOT NULL ORDER BY coalesce(simulated_at, executed_at) DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty();
        }
    }

    /**
     * The newest captured plan of a fingerprint, as JSON text, captured from a statement within the scope: a plan
     * shows the literals of the statement it was captured from.
     */
    public Optional<String> latestPlan(String fingerprint, QueryScope scope) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT p.execution_plan::text FROM metadata.query_execution_plans p
                     WHERE p.fingerprint = ? AND (?::text IS NULL OR EXISTS (
                         SELECT FROM metadata.query_logs q WHERE q.query_id = p.query_id AND q.user_id = ?))
                     ORDER BY p.captured_at DESC LIMIT 1""")) {
            ps.setString(1, fingerprint);
            ps.setString(2, scope.userOrNull());
            ps.setString(3, scope.userOrNull());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Per fingerprint over the filter's window, of the executions within its scope only: counts, latency of the ok executions, and the statement kind and
     * tables of its newest execution and the message of its newest error or timeout there.
     */
    public List<FingerprintStatistics> statistics(StatisticsFilter f) throws SQLException {
        Criteria window = f.scope()
                .restrict(new Criteria())
                .where("fingerprint IS NOT NULL")
                .where(f.from(), "executed_at >= ?", Timestamp::from)
                .where(f.to(), "executed_at < ?", Timestamp::from)
                .where(f.fingerprint(), "fingerprint = ?")
                .where(f.text(), "normalized_text ILIKE ?", QueryLogRepository::containing);
        // the sort is an enum's fixed column name; the laterals repeat the window (its columns resolve to q)
        String order = " ORDER BY " + f.sort().column() + " DESC, fingerprint";
        String sql = """
                WITH s AS (
                    SELECT fingerprint, min(normalized_text) AS normalized_text,
                           count(*) FILTER (WHERE status = 'ok') AS executions,
                           count(*) FILTER (WHERE status IN ('error', 'timeout')) AS errors,
                           coalesce(avg(execution_time_ms) FILTER (WHERE status = 'ok'), 0) AS mean_ms,
                           coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY execution_time_ms)
                                    FILTER (WHERE status = 'ok'), 0) AS p50_ms,
                           coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms)
                                    FILTER (WHERE status = 'ok'), 0) AS p95_ms,
                           coalesce(max(execution_time_ms) FILTER (WHERE status = 'ok'), 0) AS max_ms,
                           coalesce(sum(execution_time_ms) FILTER (WHERE status = 'ok'), 0) AS total_ms,
                           max(executed_at) AS last_seen
                    FROM metadata.query_logs%1$s
                    GROUP BY fingerprint%2$s
                    LIMIT ?)
                SELECT s.*, latest.statement_kind, latest.tables_accessed, failure.error_message
                FROM s
                LEFT JOIN LATERAL (SELECT statement_kind, tables_accessed FROM metadata.query_logs q%1$s
                                     AND q.fingerprint = s.fingerprint
                                   ORDER BY q.executed_at DESC, q.query_id DESC LIMIT 1) latest ON true
                LEFT JOIN LATERAL (SELECT error_message FROM metadata.query_logs q%1$s
                                     AND q.fingerprint = s.fingerprint AND q.status IN ('error', 'timeout')
                                   ORDER BY q.executed_at DESC, q.query_id DESC LIMIT 1) failure ON true
                %2$s""".formatted(window.sql(), order);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int next = window.bind(ps, 1);
            ps.setInt(next, f.limit());
            window.bind(ps, window.bind(ps, next + 1));
            List<FingerprintStatistics> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FingerprintStatistics(
                            rs.getString("fingerprint"),
                            rs.getString("normalized_text"),
                            Optional.ofNullable(rs.getString("statement_kind")),
                            Columns.strings(rs, "tables_accessed"),
                            rs.getLong("executions"),
                            rs.getLong("errors"),
                            rs.getDouble("mean_ms"),
                            rs.getDouble("p50_ms"),
                            rs.getDouble("p95_ms"),
                            rs.getDouble("max_ms"),
                            rs.getDouble("total_ms"),
                            rs.getTimestamp("last_seen").toInstant(),
                            Optional.ofNullable(rs.getString("error_message"))));
                }
            }
            return out;
        }
    }

    /** An ILIKE pattern matching text that contains {@code text} literally. */
    private static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static LoggedQuery read(ResultSet rs) throws SQLException {
        Timestamp simulated = rs.getTimestamp("simulated_at");
        return new LoggedQuery(
                rs.getLong("query_id"),
                rs.getString("query_text"),
                Optional.ofNullable(rs.getString("fingerprint")),
                Optional.ofNullable(rs.getString("normalized_text")),
                Optional.ofNullable(rs.getString("statement_kind")),
                rs.getString("user_id"),
                rs.getString("user_role"),
                ExecutionStatus.of(rs.getString("status")),
                Optional.ofNullable(rs.getString("error_code")),
                Optional.ofNullable(rs.getString("error_message")),
                Columns.nullableDouble(rs, "execution_time_ms"),
                Columns.nullableDouble(rs, "queue_time_ms"),
                Columns.nullableDouble(rs, "predicted_time_ms"),
                Optional.ofNullable((Long) rs.getObject("rows_returned")),
                rs.getBoolean("truncated"),
                Columns.strings(rs, "tables_accessed"),
                rs.getTimestamp("executed_at").toInstant(),
                Optional.ofNullable(simulated).map(Timestamp::toInstant));
    }
}
