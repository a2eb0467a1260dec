package io.dwpilot.models.index;

import java.util.Map;

/**
 * How much each table is written: its weighted row writes (inserts, updates, deletes) over the same window and with
 * the same weighting as the workload's reads, so that index maintenance and query benefit are comparable.
 */
public record WriteLoad(Map<String, Double> weightedWrites) {
    public WriteLoad {
        weightedWrites = Map.copyOf(weightedWrites);
        weightedWrites.forEach((table, writes) -> {
            if (!Double.isFinite(writes) || writes < 0) {
                throw new IllegalArgumentException("writes to " + table + " must be finite and not negative");
            }
        });
    }

    public static WriteLoad none() {
        return new WriteLoad(Map.of());
    }

    /** The weighted writes to {@code table}, 0 when it receives none. */
    public double writes(String table) {
        return weightedWrites.getOrDefault(table, 0.0);
    }
}
