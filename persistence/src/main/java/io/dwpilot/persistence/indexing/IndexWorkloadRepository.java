package io.dwpilot.persistence.indexing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The indexer's reads of metadata.query_logs: which statement shapes cost the most, how much each table is written,
 * and the latencies a verification compares. Only successful executions count. Windows are half-open
 * [from, to) in workload time, {@code coalesce(simulated_at, executed_at)}, written exactly as the expression index
 * query_logs_workload_time (V11) so that the planner can use it.
 */
public final class IndexWorkloadRepository {
    private static final String WORKLOAD_TIME = "coalesce(simulated_at, executed_at)";
    /** How many of a fingerprint's latest texts {@link #fingerprints} returns. */
    public static final int RECENT_TEXTS = 5;

    static final String FINGERPRINTS = """
            WITH runs AS (
                SELECT fingerprint, query_text, statement_kind, tables_accessed, execution_time_ms,
                       row_number() OVER (PARTITION BY fingerprint ORDER BY %1$s DESC, query_id DESC) AS recency
                FROM metadata.query_logs
                WHERE status = 'ok' AND fingerprint IS NOT NULL AND %1$s >= ? AND %1$s < ?)
            SELECT fingerprint, count(*) AS executions,
                   max(statement_kind) FILTER (WHERE recency = 1) AS statement_kind,
                   max(tables_accessed) FILTER (WHERE recency = 1) AS tables,
                   max(query_text) FILTER (WHERE recency = 1) AS representative_sql,
                   array_agg(query_text ORDER BY recency) FILTER (WHERE recency <= %2$d) AS recent_sql,
                   coalesce(avg(execution_time_ms), 0) AS mean_time_ms
            FROM runs
            GROUP BY fingerprint
            ORDER BY count(*) * coalesce(avg(execution_time_ms), 0) DESC, fingerprint
            LIMIT ?""".formatted(WORKLOAD_TIME, RECENT_TEXTS);

    static final String TABLE_WRITES = """
            SELECT t.name, sum(greatest(coalesce(q.rows_returned, 1), 1))
            FROM metadata.query_logs q, unnest(q.tables_accessed) AS t(name)
            WHERE q.status = 'ok' AND q.statement_kind IN ('insert', 'update', 'delete', 'merge')
              AND %1$s >= ? AND %1$s < ?
            GROUP BY t.name""".formatted(WORKLOAD_TIME);

    private static final String LATENCIES = """
            SELECT fingerprint, execution_time_ms
            FROM (SELECT fingerprint, execution_time_ms, %1$s AS at, query_id,
                         row_number() OVER (PARTITION BY fingerprint ORDER BY %1$s DESC, query_id DESC) AS recency
                  FROM metadata.query_logs
                  WHERE status = 'ok' AND fingerprint = ANY (?) AND execution_time_ms IS NOT NULL
                    AND %1$s >= ? AND %1$s < ?) runs
            WHERE recency <= ?
            ORDER BY fingerprint, at, query_id""".formatted(WORKLOAD_TIME);

    private static final String TOUCHING = """
            SELECT DISTINCT fingerprint FROM metadata.query_logs
            WHERE status = 'ok' AND fingerprint IS NOT NULL AND ? = ANY (tables_accessed)
              AND %1$s >= ? AND %1$s < ?""".formatted(WORKLOAD_TIME);

    private static final String EXECUTIONS_SINCE = """
            SELECT count(*) FROM metadata.query_logs
            WHERE status = 'ok' AND fingerprint = ANY (?) AND %s >= ?""".formatted(WORKLOAD_TIME);

    private final DataSource dataSource;

    public IndexWorkloadRepository(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The statement shapes that ran successfully in [from, to), costliest first (executions times mean latency,
     * ties by fingerprint), at most {@code limit}. Executions without a fingerprint are skipped.
     */
    public List<FingerprintWorkload> fingerprints(Instant from, Instant to, int limit) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(FINGERPRINTS)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setInt(3, limit);
            List<FingerprintWorkload> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString("statement_kind");
                    out.add(new FingerprintWorkload(
                            rs.getString("fingerprint"),
                            rs.getLong("executions"),
                            kind == null ? "" : kind,
                            strings(rs.getArray("tables")),
                            rs.getString("representative_sql"),
                            rs.getDouble("mean_time_ms"),
                            strings(rs.getArray("recent_sql"))));
                }
            }
            return out;
        }
    }

    /**
     * Rows written per table by successful insert, update, delete and merge statements in [from, to): each statement
     * counts its affected rows, at least 1 (a statement that touched nothing still took locks and planned).
     * Tables are named as logged.
     */
    public Map<String, Double> tableWrites(Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TABLE_WRITES)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            Map<String, Double> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getDouble(2));
                }
            }
            return out;
        }
    }

    /**
     * The execution times (ms) of successful executions in [from, to), the latest {@code maxPerFingerprint} of each
     * fingerprint, oldest first. Fingerprints without any are absent.
     */
    public Map<String, double[]> latencies(
            Collection<String> fingerprints, Instant from, Instant to, int maxPerFingerprint) throws SQLException {
        if (maxPerFingerprint < 1) {
            throw new IllegalArgumentException("maxPerFingerprint must be >= 1, got " + maxPerFingerprint);
        }
        if (fingerprints.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(LATENCIES)) {
            ps.setArray(1, c.createArrayOf("text", fingerprints.toArray()));
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            ps.setInt(4, maxPerFingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    times.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(rs.getDouble(2));
                }
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        times.forEach((fingerprint, list) -> out.put(
                fingerprint, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    /** The fingerprints of successful executions in [from, to) that accessed {@code table} (named as logged). */
    public Set<String> fingerprintsTouching(String table, Instant from, Instant to) throws SQLException {
        Objects.requireNonNull(table, "table");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TOUCHING)) {
            ps.setString(1, table);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    /** How many successful executions of these fingerprints ran at or after {@code from} (workload time). */
    public long executionsSince(Collection<String> fingerprints, Instant from) throws SQLException {
        if (fingerprints.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(EXECUTIONS_SINCE)) {
            ps.setArray(1, c.createArrayOf("text", fingerprints.toArray()));
            ps.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
