package io.dwpilot.persistence.etl;

import java.time.Duration;

/** What one step did: rows it read, rows it wrote, rows it quarantined, and how long it took. */
public record EtlStepResult(String step, long rowsIn, long rowsOut, long rowsRejected, Duration duration) {

    public double rowsPerSecond() {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsIn / seconds;
    }
}
