package io.dwpilot.http;

import io.dwpilot.persistence.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Rows written straight into the metadata tables, for tests that need a known history. */
final class WarehouseRows {
    private final Database database;

    WarehouseRows(Database database) {
        this.database = database;
    }

    /** One logged execution of {@code fingerprint} (its text "SELECT <fingerprint> FROM <table>"); returns its id. */
    long execution(
            String fingerprint, String status, double ms, Instant at, Double predictedMs, String error, String table)
            throws SQLException {
        return execution("ann", fingerprint, status, ms, at, predictedMs, error, table);
    }

    /** The same, run by {@code user}. */
    long execution(
            String user,
            String fingerprint,
            String status,
            double ms,
            Instant at,
            Double predictedMs,
            String error,
            String table)
            throws SQLException {
        return insert(
                """
                INSERT INTO metadata.query_logs (query_text, fingerprint, normalized_text, statement_kind, user_id,
                    user_role, status, error_message, execution_time_ms, predicted_time_ms, tables_accessed, executed_at)
                VALUES (?, ?, ?, 'select', ?, 'analyst', ?, ?, ?, ?, ARRAY[?::text], ?) RETURNING query_id""",
                "SELECT " + fingerprint + " FROM " + table + " WHERE id = 1",
                fingerprint,
                "SELECT " + fingerprint + " FROM " + table + " WHERE id = ?",
                user,
                status,
                error,
                ms,
                predictedMs,
                table,
                Timestamp.from(at));
    }

    long ok(String fingerprint, double ms, Instant at) throws SQLException {
        return execution(fingerprint, "ok", ms, at, null, null, "gold.sales_summary");
    }

    /** A system sample: fractions for CPU, memory and cache hits. */
    void sample(Instant at, double cpu, double memory, double cacheHit, int connections, int locks)
            throws SQLException {
        insert("""
                INSERT INTO metadata.system_metrics (sampled_at, cpu_usage, memory_usage, cache_hit_ratio, connections,
                    locks_waiting) VALUES (?, ?, ?, ?, ?, ?) RETURNING metric_id""", Timestamp.from(at), cpu, memory, cacheHit, connections, locks);
    }

    /** An anomaly recorded at {@code recordedAt} (wall clock), acknowledged at {@code acknowledgedAt} unless null. */
    long anomaly(String severity, Instant recordedAt, Instant acknowledgedAt) throws SQLException {
        return insert(
                """
                INSERT INTO metadata.anomalies (detected_at, recorded_at, kind, severity, observed_value, detector,
                    description, acknowledged, acknowledged_by, acknowledged_at)
                VALUES (?, ?, 'slow_query', ?, 950.0, 'robust_norm', 'a slow ' || ?::text || ' one', ?, ?, ?)
                RETURNING anomaly_id""",
                Timestamp.from(recordedAt),
                Timestamp.from(recordedAt),
                severity,
                severity,
                acknowledgedAt != null,
                acknowledgedAt == null ? null : "ada",
                acknowledgedAt == null ? null : Timestamp.from(acknowledgedAt));
    }

    long failedEtlRun(Instant at, String error) throws SQLException {
        return insert("""
                INSERT INTO metadata.etl_runs (started_at, finished_at, status, error) VALUES (?, ?, 'failed', ?)
                RETURNING run_id""", Timestamp.from(at), Timestamp.from(at.plusSeconds(5)), error);
    }

    private long insert(String sql, Object... values) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
