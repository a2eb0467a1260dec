package io.dwpilot.persistence.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the planner and the statistics system know about one table.
 *
 * @param schema           schema of the table
 * @param table            the table
 * @param reltuples        {@code pg_class.reltuples}: estimated rows (-1 when never vacuumed or analyzed)
 * @param relpages         {@code pg_class.relpages}: estimated pages
 * @param sizeBytes        {@code pg_table_size}: heap, free space map, visibility map and TOAST, without indexes
 * @param writes           {@code n_tup_ins + n_tup_upd + n_tup_del} from {@code pg_stat_user_tables} (0 without a row)
 * @param avgColumnWidths  {@code pg_stats.avg_width} per column in column order; columns without statistics are
 *                         absent (empty before the first ANALYZE)
 * @param columnStats      {@code pg_stats.n_distinct} and {@code null_frac} per column, for the same columns
 */
public record TableStats(
        String schema,
        String table,
        double reltuples,
        long relpages,
        long sizeBytes,
        long writes,
        Map<String, Integer> avgColumnWidths,
        Map<String, ColumnStats> columnStats) {

    public TableStats {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        avgColumnWidths = Collections.unmodifiableMap(new LinkedHashMap<>(avgColumnWidths));
        columnStats = Collections.unmodifiableMap(new LinkedHashMap<>(columnStats));
    }

    /** Sum of the average widths of the columns that have statistics, in bytes. */
    public int avgRowWidth() {
        return avgColumnWidths.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * What the planner knows of one column's values.
     *
     * @param nDistinct    {@code pg_stats.n_distinct}: the number of distinct values, or, when negative, minus their
     *                     number divided by the row count (the form ANALYZE uses when it scales with the table)
     * @param nullFraction {@code pg_stats.null_frac}: the share of rows that are null
     */
    public record ColumnStats(double nDistinct, double nullFraction) {
        /** The number of distinct values for a table of {@code rows} rows. */
        public double distinctValues(double rows) {
            return nDistinct >= 0 ? nDistinct : -nDistinct * Math.max(0, rows);
        }
    }
}
