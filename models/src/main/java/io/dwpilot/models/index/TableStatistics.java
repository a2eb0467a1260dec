package io.dwpilot.models.index;

import java.util.Map;
import java.util.Objects;

/**
 * What size estimation needs to know of one table, typically from {@code pg_class.reltuples} and
 * {@code pg_stats.avg_width}.
 *
 * @param table          named as the queries (and so the candidates) name it
 * @param rows           the estimated row count
 * @param avgWidthBytes  the average stored width of each column, in bytes
 */
public record TableStatistics(String table, double rows, Map<String, Double> avgWidthBytes) {
    public TableStatistics {
        Objects.requireNonNull(table, "table");
        if (!Double.isFinite(rows) || rows < 0) {
            throw new IllegalArgumentException("rows must be finite and not negative: " + rows);
        }
        avgWidthBytes = Map.copyOf(avgWidthBytes);
        avgWidthBytes.forEach((column, width) -> {
            if (!Double.isFinite(width) || width < 0) {
                throw new IllegalArgumentException("width of " + column + " must be finite and not negative");
            }
        });
    }
}
