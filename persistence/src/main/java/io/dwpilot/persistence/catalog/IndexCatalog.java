package io.dwpilot.persistence.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads the indexes and table statistics of the database from the PostgreSQL catalogs and statistics views.
 * One query per method, values bound as parameters, nothing written. See the package documentation for how
 * expression columns are shown.
 */
public final class IndexCatalog {
    /** Schemas that hold no user data: the system catalogs, TOAST and temporary schemas. */
    private static final String USER_SCHEMA = """
            n.nspname NOT IN ('pg_catalog', 'information_schema')
            AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'""";

    private static final String INDEX_SELECT = """
            SELECT n.nspname, t.relname, ic.relname,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
                         WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS key_columns,
                   ARRAY(SELECT a.attname::text
                         FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
                         WHERE k.ord > i.indnkeyatts ORDER BY k.ord) AS include_columns,
                   i.indisunique, i.indisprimary, i.indisvalid,
                   pg_relation_size(i.indexrelid),
                   coalesce(s.idx_scan, 0),
                   pg_get_expr(i.indpred, i.indrelid),
                   pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
            """;

    private static final String INDEXES = INDEX_SELECT + """
            WHERE CASE WHEN ?::text = '' THEN %s ELSE n.nspname = ? END
            ORDER BY n.nspname, t.relname, ic.relname""".formatted(USER_SCHEMA);

    private static final String INVALID = INDEX_SELECT + """
            WHERE NOT i.indisvalid AND %s
            ORDER BY n.nspname, t.relname, ic.relname""".formatted(USER_SCHEMA);

    private static final String TABLE = """
            SELECT n.nspname, c.relname, c.reltuples, c.relpages, pg_table_size(c.oid),
                   coalesce(s.n_tup_ins + s.n_tup_upd + s.n_tup_del, 0),
                   coalesce(st.columns, '{}'), coalesce(st.widths, '{}'), coalesce(st.distinct_values, '{}'),
                   coalesce(st.null_fractions, '{}')
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
            LEFT JOIN LATERAL (
                SELECT array_agg(a.attname::text ORDER BY a.attnum) AS columns,
                       array_agg(ps.avg_width ORDER BY a.attnum) AS widths,
                       array_agg(ps.n_distinct ORDER BY a.attnum) AS distinct_values,
                       array_agg(ps.null_frac ORDER BY a.attnum) AS null_fractions
                FROM pg_attribute a
                JOIN pg_stats ps ON ps.schemaname = n.nspname AND ps.tablename = c.relname
                                AND ps.attname = a.attname AND NOT ps.inherited
                WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) st ON true
            WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'p', 'm')""";

    private final DataSource dataSource;

    public IndexCatalog(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The indexes of the tables in {@code schema}, or of all user schemas (everything but the system catalogs,
     * TOAST and temporary schemas) when {@code schema} is empty; ordered by schema, table and index name.
     */
    public List<IndexInfo> indexes(String schema) throws SQLException {
        Objects.requireNonNull(schema, "schema");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INDEXES)) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            return readIndexes(ps);
        }
    }

    /** The INVALID indexes of the user schemas: what a failed {@code CREATE INDEX CONCURRENTLY} left behind. */
    public List<IndexInfo> invalid() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INVALID)) {
            return readIndexes(ps);
        }
    }

    /** The statistics of one table (ordinary, partitioned or materialized view), or empty when there is none. */
    public Optional<TableStats> table(String schema, String table) throws SQLException {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(TABLE)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> columns = strings(rs.getArray(7));
                Integer[] widths = (Integer[]) rs.getArray(8).getArray();
                Float[] distinct = (Float[]) rs.getArray(9).getArray();
                Float[] nullFractions = (Float[]) rs.getArray(10).getArray();
                Map<String, Integer> avgWidths = new LinkedHashMap<>();
                Map<String, TableStats.ColumnStats> columnStats = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    avgWidths.put(columns.get(i), widths[i]);
                    columnStats.put(columns.get(i), new TableStats.ColumnStats(distinct[i], nullFractions[i]));
                }
                return Optional.of(new TableStats(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getDouble(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        avgWidths,
                        columnStats));
            }
        }
    }

    private static List<IndexInfo> readIndexes(PreparedStatement ps) throws SQLException {
        List<IndexInfo> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new IndexInfo(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        strings(rs.getArray(4)),
                        strings(rs.getArray(5)),
                        rs.getBoolean(6),
                        rs.getBoolean(7),
                        rs.getBoolean(8),
                        rs.getLong(9),
                        rs.getLong(10),
                        Optional.ofNullable(rs.getString(11)),
                        rs.getString(12)));
            }
        }
        return out;
    }

    private static List<String> strings(Array array) throws SQLException {
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
