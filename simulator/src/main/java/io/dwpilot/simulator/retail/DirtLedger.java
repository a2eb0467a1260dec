package io.dwpilot.simulator.retail;

import java.util.EnumMap;
import java.util.Map;

/** How many dirty rows of each kind the generator wrote into each table. */
public final class DirtLedger {
    private final Map<RetailTable, Map<DirtKind, Long>> counts = new EnumMap<>(RetailTable.class);

    void record(RetailTable table, DirtKind kind) {
        counts.computeIfAbsent(table, t -> new EnumMap<>(DirtKind.class)).merge(kind, 1L, Long::sum);
    }

    /** Counts by kind for one table (kinds never written are absent). */
    public Map<DirtKind, Long> of(RetailTable table) {
        return Map.copyOf(counts.getOrDefault(table, Map.of()));
    }

    public long total(RetailTable table) {
        return of(table).values().stream().mapToLong(Long::longValue).sum();
    }
}
