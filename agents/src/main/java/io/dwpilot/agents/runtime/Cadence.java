package io.dwpilot.agents.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * "Every {@code period} of workload time": agents tick on a short wall-clock timer and ask their cadence whether a
 * period of the {@link WorkloadClock} has passed since they last acted, so an accelerated clock speeds their
 * schedules up. A clock that went back (the workload switched from wall to simulated time) makes the work due at
 * once rather than stalling it until the old time comes round again.
 */
public record Cadence(Duration period) {
    public Cadence {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a cadence needs a positive period, got " + period);
        }
    }

    /** Whether the work is due at {@code now}, having last run at {@code last} (empty: never). */
    public boolean due(Optional<Instant> last, Instant now) {
        return last.map(l -> now.isBefore(l) || !now.isBefore(l.plus(period))).orElse(true);
    }
}
