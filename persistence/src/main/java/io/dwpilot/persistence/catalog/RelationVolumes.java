package io.dwpilot.persistence.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * How big the warehouse's tables are and how well the buffer cache serves it, in one cheap catalog read: what the
 * cost predictor needs to know about data volume and the cache.
 */
public final class RelationVolumes {

    /** A table's estimated rows ({@code reltuples}, 0 when never analyzed) and total bytes with indexes and TOAST. */
    public record Volume(double rows, double bytes) {}

    /**
     * @param tables         by {@code schema.table}, user tables only
     * @param cacheHitRatio  blocks found in shared buffers over blocks read, for this database since its statistics
     *                       were reset (NaN before any read)
     */
    public record Snapshot(Map<String, Volume> tables, double cacheHitRatio) {
        public Snapshot {
            tables = Map.copyOf(tables);
        }
    }

    private static final String TABLES = """
            SELECT n.nspname || '.' || c.relname, greatest(c.reltuples, 0), pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%'""";
    private static final String CACHE = """
            SELECT blks_hit::float8 / nullif(blks_hit + blks_read, 0)
            FROM pg_stat_database WHERE datname = current_database()""";

    private final DataSource dataSource;

    public RelationVolumes(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public Snapshot read() throws SQLException {
        Map<String, Volume> tables = new HashMap<>();
        double cacheHitRatio;
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(TABLES)) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new Volume(rs.getDouble(2), rs.getDouble(3)));
                }
            }
            try (ResultSet rs = s.executeQuery(CACHE)) {
                cacheHitRatio = rs.next() ? rs.getDouble(1) : Double.NaN;
                if (rs.wasNull()) {
                    cacheHitRatio = Double.NaN;
                }
            }
        }
        return new Snapshot(tables, cacheHitRatio);
    }
}
