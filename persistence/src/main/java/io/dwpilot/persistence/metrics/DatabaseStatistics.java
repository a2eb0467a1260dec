package io.dwpilot.persistence.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dwpilot.persistence.Columns;
import io.dwpilot.persistence.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What pgHero's front page shows, read from PostgreSQL's statistics views: the database's size, cache hits,
 * connections, locks and transaction counters; the size and use of every table and index of the warehouse's own
 * schemas (not pg_catalog, information_schema or pg_toast), largest first; and dwpilot's two connection pools.
 */
public final class DatabaseStatistics {
    private static final String SCHEMAS = "NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";

    private static final String DATABASE = """
            SELECT current_database() AS name, pg_database_size(current_database()) AS size_bytes,
                   d.blks_hit::float8 / nullif(d.blks_hit + d.blks_read, 0) AS cache_hit_ratio,
                   d.deadlocks, d.xact_commit, d.xact_rollback, d.temp_bytes,
                   a.total, a.active, a.idle, a.idle_in_transaction, a.waiting,
                   current_setting('max_connections')::int AS max_connections,
                   (SELECT count(*) FROM pg_locks WHERE NOT granted) AS locks_waiting
            FROM pg_stat_database d
            CROSS JOIN (SELECT count(*) AS total,
                               count(*) FILTER (WHERE state = 'active') AS active,
                               count(*) FILTER (WHERE state = 'idle') AS idle,
                               count(*) FILTER (WHERE state LIKE 'idle in transaction%') AS idle_in_transaction,
                               count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting
                        FROM pg_stat_activity WHERE backend_type = 'client backend') a
            WHERE d.datname = current_database()""";

    private static final String TABLES = """
            SELECT t.schemaname, t.relname, t.n_live_tup, pg_total_relation_size(t.relid) AS total_bytes,
                   pg_table_size(t.relid) AS table_bytes, pg_indexes_size(t.relid) AS index_bytes,
                   coalesce(t.seq_scan, 0) AS seq_scan, coalesce(t.idx_scan, 0) AS idx_scan,
                   io.heap_blks_hit::float8 / nullif(io.heap_blks_hit + io.heap_blks_read, 0) AS cache_hit_ratio,
                   t.n_dead_tup, t.last_autovacuum, t.last_autoanalyze
            FROM pg_stat_user_tables t
            JOIN pg_statio_user_tables io ON io.relid = t.relid
            WHERE t.schemaname %s
            ORDER BY total_bytes DESC, t.schemaname, t.relname""".formatted(SCHEMAS);

    private static final String INDEXES = """
            SELECT s.schemaname, s.relname, s.indexrelname, pg_relation_size(s.indexrelid) AS size_bytes,
                   s.idx_scan, s.idx_tup_read, i.indisunique, i.indisprimary, i.indisvalid,
                   pg_get_indexdef(s.indexrelid) AS definition
            FROM pg_stat_user_indexes s
            JOIN pg_index i ON i.indexrelid = s.indexrelid
            WHERE s.schemaname %s
            ORDER BY size_bytes DESC, s.schemaname, s.indexrelname""".formatted(SCHEMAS);

    public record Connections(long total, long active, long idle, long idleInTransaction, long waiting, int max) {}

    /** The current database; its cache hit ratio is empty before any block was read. */
    public record DatabaseUsage(
            String name,
            long sizeBytes,
            OptionalDouble cacheHitRatio,
            Connections connections,
            long locksWaiting,
            long deadlocks,
            long commits,
            long rollbacks,
            long tempBytes) {}

    public record TableUsage(
            String schema,
            String name,
            long rows,
            long totalBytes,
            long tableBytes,
            long indexBytes,
            long seqScans,
            long indexScans,
            OptionalDouble cacheHitRatio,
            long deadRows,
            Optional<Instant> lastAutovacuum,
            Optional<Instant> lastAutoanalyze) {}

    public record IndexUsage(
            String schema,
            String table,
            String name,
            long sizeBytes,
            long scans,
            long tuplesRead,
            boolean unique,
            boolean primary,
            boolean valid,
            boolean byDwpilot,
            String definition) {}

    /** A connection pool's connections and the threads waiting for one. */
    public record PoolUsage(String name, int active, int idle, int total, int waiting, int max) {}

    public record Snapshot(
            DatabaseUsage database, List<TableUsage> tables, List<IndexUsage> indexes, List<PoolUsage> pools) {}

    private final Database database;
    private final String indexerPrefix;

    /** @param indexerPrefix how the names of the indexer's indexes start (byDwpilot) */
    public DatabaseStatistics(Database database, String indexerPrefix) {
        this.database = Objects.requireNonNull(database, "database");
        this.indexerPrefix = Objects.requireNonNull(indexerPrefix, "indexerPrefix");
    }

    public Snapshot read() throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            List<PoolUsage> pools = new ArrayList<>();
            database.sessions().namedPools().forEach((name, pool) -> pools.add(pool(name, pool)));
            pools.add(pool("system", database.systemPool()));
            return new Snapshot(database(s), tables(s), indexes(s), List.copyOf(pools));
        }
    }

    private static DatabaseUsage database(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery(DATABASE)) {
            rs.next();
            return new DatabaseUsage(
                    rs.getString("name"),
                    rs.getLong("size_bytes"),
                    Columns.optionalDouble(rs, "cache_hit_ratio"),
                    new Connections(
                            rs.getLong("total"),
                            rs.getLong("active"),
                            rs.getLong("idle"),
                            rs.getLong("idle_in_transaction"),
                            rs.getLong("waiting"),
                            rs.getInt("max_connections")),
                    rs.getLong("locks_waiting"),
                    rs.getLong("deadlocks"),
                    rs.getLong("xact_commit"),
                    rs.getLong("xact_rollback"),
                    rs.getLong("temp_bytes"));
        }
    }

    private static List<TableUsage> tables(Statement s) throws SQLException {
        List<TableUsage> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(TABLES)) {
            while (rs.next()) {
                out.add(new TableUsage(
                        rs.getString("schemaname"),
                        rs.getString("relname"),
                        rs.getLong("n_live_tup"),
                        rs.getLong("total_bytes"),
                        rs.getLong("table_bytes"),
                        rs.getLong("index_bytes"),
                        rs.getLong("seq_scan"),
                        rs.getLong("idx_scan"),
                        Columns.optionalDouble(rs, "cache_hit_ratio"),
                        rs.getLong("n_dead_tup"),
                        Columns.optionalInstant(rs, "last_autovacuum"),
                        Columns.optionalInstant(rs, "last_autoanalyze")));
            }
        }
        return out;
    }

    private List<IndexUsage> indexes(Statement s) throws SQLException {
        List<IndexUsage> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(INDEXES)) {
            while (rs.next()) {
                String name = rs.getString("indexrelname");
                out.add(new IndexUsage(
                        rs.getString("schemaname"),
                        rs.getString("relname"),
                        name,
                        rs.getLong("size_bytes"),
                        rs.getLong("idx_scan"),
                        rs.getLong("idx_tup_read"),
                        rs.getBoolean("indisunique"),
                        rs.getBoolean("indisprimary"),
                        rs.getBoolean("indisvalid"),
                        name.startsWith(indexerPrefix),
                        rs.getString("definition")));
            }
        }
        return out;
    }

    private static PoolUsage pool(String name, HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return new PoolUsage(
                name,
                bean.getActiveConnections(),
                bean.getIdleConnections(),
                bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize());
    }
}
