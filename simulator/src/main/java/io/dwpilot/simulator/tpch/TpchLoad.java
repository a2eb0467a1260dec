package io.dwpilot.simulator.tpch;

import java.time.Duration;
import java.util.Map;

/** What a TPC-H load wrote: rows per table and the time it took. */
public record TpchLoad(double scaleFactor, Map<String, Long> rows, Duration duration) {

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
