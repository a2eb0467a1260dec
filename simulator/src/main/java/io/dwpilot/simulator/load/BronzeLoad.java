package io.dwpilot.simulator.load;

import io.dwpilot.simulator.retail.DirtKind;
import io.dwpilot.simulator.retail.RetailTable;
import java.time.Duration;
import java.util.Map;

/** What a bulk load wrote: its batch, the rows per table, the dirt per table, and the time it took. */
public record BronzeLoad(
        long batchId, Map<RetailTable, Long> rows, Map<RetailTable, Map<DirtKind, Long>> dirt, Duration duration) {

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public double rowsPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? 0 : totalRows() / seconds;
    }
}
