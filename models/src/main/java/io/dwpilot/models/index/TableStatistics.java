package io.dwpilot.models.index;

import io.dwpilot.models.sql.ConstantFilter;
import java.util.Map;
import java.util.Objects;

/**
 * What size estimation needs to know of one table, typically from {@code pg_class.reltuples} and
 * {@code pg_stats.avg_width}.
 *
 * @param table          named as the queries (and so the candidates) name it
 * @param rows           the estimated row count
 * @param avgWidthBytes  the average stored width of each column, in bytes
 * @param distinctValues the estimated number of distinct values of each column ({@code pg_stats.n_distinct} made
 *                       absolute), for the columns that have statistics
 * @param nullFractions  the share of rows where each column is null ({@code pg_stats.null_frac})
 */
public record TableStatistics(
        String table,
        double rows,
        Map<String, Double> avgWidthBytes,
        Map<String, Double> distinctValues,
        Map<String, Double> nullFractions) {
    public TableStatistics {
        Objects.requireNonNull(table, "table");
        if (!Double.isFinite(rows) || rows < 0) {
            throw new IllegalArgumentException("rows must be finite and not negative: " + rows);
        }
        avgWidthBytes = Map.copyOf(avgWidthBytes);
        distinctValues = Map.copyOf(distinctValues);
        nullFractions = Map.copyOf(nullFractions);
        avgWidthBytes.forEach((column, width) -> {
            if (!Double.isFinite(width) || width < 0) {
                throw new IllegalArgumentException("width of " + column + " must be finite and not negative");
            }
        });
    }

    /** Statistics without per-column value counts, as when only sizes matter. */
    public TableStatistics(String table, double rows, Map<String, Double> avgWidthBytes) {
        this(table, rows, avgWidthBytes, Map.of(), Map.of());
    }

    /**
     * The share of rows a constant filter on one of this table's columns keeps: {@code 1 / distinct values} for
     * an equality (the planner's own default without a most-common-values hit), the null fraction for IS NULL and
     * its complement for IS NOT NULL; 1 when the statistics do not know the column.
     */
    public double selectivity(ConstantFilter filter) {
        String column = filter.column().column();
        if (filter.condition().endsWith(" IS NULL")) {
            return nullFractions.getOrDefault(column, 1.0);
        }
        if (filter.condition().endsWith(" IS NOT NULL")) {
            return 1 - nullFractions.getOrDefault(column, 0.0);
        }
        Double distinct = distinctValues.get(column);
        return distinct == null || distinct < 1 ? 1 : 1 / distinct;
    }
}
