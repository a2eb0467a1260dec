package io.dwpilot.persistence.metrics;

import io.dwpilot.persistence.Columns;
import io.dwpilot.persistence.NamedParameters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * What the health score is computed from, per window of wall-clock time: executions by outcome and the p95 of the ok
 * ones (metadata.query_logs), mean host and database load (metadata.system_metrics), and the high-severity anomalies
 * that arrived in the day before the window's end and were not acknowledged by then (metadata.anomalies).
 */
public final class HealthSignals {
    private static final String WINDOWS = """
            WITH w AS (SELECT g AS start, g + make_interval(secs => :width) AS stop
                       FROM generate_series(:first::timestamptz, :last::timestamptz, make_interval(secs => :width)) g),
            q AS (SELECT date_bin(make_interval(secs => :width), executed_at, :first::timestamptz) AS start,
                         count(*) FILTER (WHERE status = 'ok') AS ok,
                         count(*) FILTER (WHERE status IN ('error', 'timeout')) AS failed,
                         percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms)
                             FILTER (WHERE status = 'ok') AS p95_ms
                  FROM metadata.query_logs
                  WHERE executed_at >= :first::timestamptz AND executed_at < :end::timestamptz
                  GROUP BY 1),
            m AS (SELECT date_bin(make_interval(secs => :width), sampled_at, :first::timestamptz) AS start,
                         count(*) AS samples, avg(cpu_usage) AS cpu, avg(memory_usage) AS memory,
                         avg(cache_hit_ratio) AS cache_hit, avg(connections)::float8 AS connections,
                         avg(locks_waiting)::float8 AS locks
                  FROM metadata.system_metrics
                  WHERE sampled_at >= :first::timestamptz AND sampled_at < :end::timestamptz
                  GROUP BY 1)
            SELECT w.start, w.stop, coalesce(q.ok, 0) AS ok, coalesce(q.failed, 0) AS failed, q.p95_ms,
                   coalesce(m.samples, 0) AS samples, m.cpu, m.memory, m.cache_hit, m.connections, m.locks,
                   (SELECT count(*) FROM metadata.anomalies a
                    WHERE a.severity = 'high' AND a.recorded_at >= w.stop - make_interval(secs => :lookback)
                      AND a.recorded_at < w.stop
                      AND (a.acknowledged_at IS NULL OR a.acknowledged_at >= w.stop)) AS high_anomalies
            FROM w LEFT JOIN q USING (start) LEFT JOIN m USING (start)
            ORDER BY w.start""";

    /**
     * One window [start, end): ok and failed (error, timeout) executions and the p95 of the ok ones; the number of
     * system samples and their means (fractions for CPU, memory and cache hits; counts for connections and waiting
     * locks), empty without samples; the unacknowledged high anomalies of the lookback before its end.
     */
    public record Window(
            Instant start,
            Instant end,
            long ok,
            long failed,
            OptionalDouble p95Ms,
            long samples,
            OptionalDouble cpu,
            OptionalDouble memory,
            OptionalDouble cacheHit,
            OptionalDouble connections,
            OptionalDouble locks,
            long highAnomalies) {}

    /** The p95 of {@code n} ok executions (empty when n is 0). */
    public record Latency(long n, OptionalDouble p95Ms) {}

    private final DataSource dataSource;

    public HealthSignals(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** {@code count} consecutive windows of {@code width} from {@code first}, oldest first. */
    public List<Window> windows(Instant first, Duration width, int count, Duration anomalyLookback)
            throws SQLException {
        if (count < 1 || width.isNegative() || width.getSeconds() < 1 || width.getNano() != 0) {
            throw new IllegalArgumentException(
                    "need at least one window of whole seconds, got " + count + " of " + width);
        }
        NamedParameters sql = new NamedParameters(WINDOWS)
                .set("width", width.getSeconds())
                .set("first", Timestamp.from(first))
                .set("last", Timestamp.from(first.plus(width.multipliedBy(count - 1))))
                .set("end", Timestamp.from(first.plus(width.multipliedBy(count))))
                .set("lookback", anomalyLookback.getSeconds());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = sql.prepare(c);
                ResultSet rs = ps.executeQuery()) {
            List<Window> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Window(
                        rs.getTimestamp("start").toInstant(),
                        rs.getTimestamp("stop").toInstant(),
                        rs.getLong("ok"),
                        rs.getLong("failed"),
                        Columns.optionalDouble(rs, "p95_ms"),
                        rs.getLong("samples"),
                        Columns.optionalDouble(rs, "cpu"),
                        Columns.optionalDouble(rs, "memory"),
                        Columns.optionalDouble(rs, "cache_hit"),
                        Columns.optionalDouble(rs, "connections"),
                        Columns.optionalDouble(rs, "locks"),
                        rs.getLong("high_anomalies")));
            }
            return out;
        }
    }

    /** The p95 of the ok executions in [from, to) of wall-clock time: the latency baseline. */
    public Latency p95(Instant from, Instant to) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT count(execution_time_ms) AS n,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY execution_time_ms) AS p95_ms
                FROM metadata.query_logs
                WHERE status = 'ok' AND executed_at >= ? AND executed_at < ?""")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Latency(rs.getLong("n"), Columns.optionalDouble(rs, "p95_ms"));
            }
        }
    }

    /** The server's max_connections. */
    public int maxConnections() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
