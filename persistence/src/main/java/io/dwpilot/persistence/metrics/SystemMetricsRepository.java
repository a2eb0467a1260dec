package io.dwpilot.persistence.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Stores and reads metadata.system_metrics: one sample at a time, the newest, and bucketed history. */
public final class SystemMetricsRepository {
    private static final String COLUMNS = """
            sampled_at, cpu_usage, memory_usage, io_operations, disk_read_bytes_per_s, disk_write_bytes_per_s,
            connections, active_queries, cache_hit_ratio, transactions_per_s, locks_waiting, query_pool_size,
            queue_length, simulated_at""";

    private final DataSource dataSource;

    public SystemMetricsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Inserts the sample and returns its metric_id. */
    public long save(SystemSample s) throws SQLException {
        String sql = "INSERT INTO metadata.system_metrics (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING metric_id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(s.sampledAt()));
            setDouble(ps, 2, s.cpuUsage());
            setDouble(ps, 3, s.memoryUsage());
            setDouble(ps, 4, s.ioOperations());
            setDouble(ps, 5, s.diskReadBytesPerS());
            setDouble(ps, 6, s.diskWriteBytesPerS());
            setInt(ps, 7, s.connections());
            setInt(ps, 8, s.activeQueries());
            setDouble(ps, 9, s.cacheHitRatio());
            setDouble(ps, 10, s.transactionsPerS());
            setInt(ps, 11, s.locksWaiting());
            setInt(ps, 12, s.queryPoolSize());
            setInt(ps, 13, s.queueLength());
            if (s.simulatedAt().isPresent()) {
                ps.setTimestamp(14, Timestamp.from(s.simulatedAt().get()));
            } else {
                ps.setNull(14, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The newest sample by sampled_at. */
    public Optional<SystemSample> latest() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + COLUMNS + " FROM metadata.system_metrics"
                        + " ORDER BY sampled_at DESC, metric_id DESC LIMIT 1")) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    /** Samples with from <= sampled_at < to, averaged per bucket (buckets cut in UTC), oldest bucket first. */
    public List<MetricsBucket> history(Instant from, Instant to, MetricsGranularity granularity) throws SQLException {
        String sql = """
                SELECT date_trunc(?, sampled_at, 'UTC') AS bucket, count(*),
                       avg(cpu_usage), max(cpu_usage), avg(memory_usage), max(memory_usage),
                       avg(io_operations), max(io_operations), avg(disk_read_bytes_per_s), avg(disk_write_bytes_per_s),
                       avg(connections)::float8, max(connections), avg(active_queries)::float8, max(active_queries),
                       avg(cache_hit_ratio), min(cache_hit_ratio), avg(transactions_per_s), max(transactions_per_s),
                       avg(locks_waiting)::float8, max(locks_waiting), avg(query_pool_size)::float8,
                       avg(queue_length)::float8, max(queue_length)
                FROM metadata.system_metrics
                WHERE sampled_at >= ? AND sampled_at < ?
                GROUP BY 1
                ORDER BY 1""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, granularity.field());
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            List<MetricsBucket> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricsBucket(
                            rs.getTimestamp(1).toInstant(),
                            rs.getLong(2),
                            dbl(rs, 3),
                            dbl(rs, 4),
                            dbl(rs, 5),
                            dbl(rs, 6),
                            dbl(rs, 7),
                            dbl(rs, 8),
                            dbl(rs, 9),
                            dbl(rs, 10),
                            dbl(rs, 11),
                            integer(rs, 12),
                            dbl(rs, 13),
                            integer(rs, 14),
                            dbl(rs, 15),
                            dbl(rs, 16),
                            dbl(rs, 17),
                            dbl(rs, 18),
                            dbl(rs, 19),
                            integer(rs, 20),
                            dbl(rs, 21),
                            dbl(rs, 22),
                            integer(rs, 23)));
                }
            }
            return out;
        }
    }

    private static SystemSample read(ResultSet rs) throws SQLException {
        Timestamp simulated = rs.getTimestamp("simulated_at");
        return new SystemSample(
                rs.getTimestamp("sampled_at").toInstant(),
                dbl(rs, "cpu_usage"),
                dbl(rs, "memory_usage"),
                dbl(rs, "io_operations"),
                dbl(rs, "disk_read_bytes_per_s"),
                dbl(rs, "disk_write_bytes_per_s"),
                integer(rs, "connections"),
                integer(rs, "active_queries"),
                dbl(rs, "cache_hit_ratio"),
                dbl(rs, "transactions_per_s"),
                integer(rs, "locks_waiting"),
                integer(rs, "query_pool_size"),
                integer(rs, "queue_length"),
                Optional.ofNullable(simulated).map(Timestamp::toInstant));
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static Double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Double dbl(ResultSet rs, String name) throws SQLException {
        double v = rs.getDouble(name);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, String name) throws SQLException {
        int v = rs.getInt(name);
        return rs.wasNull() ? null : v;
    }
}
