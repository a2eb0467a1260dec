package io.dwpilot.agents.runtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agents' clock. It reads the wall clock until the workload brings its own time: once a statement arrives with a
 * simulated time (the simulator's accelerated clock), the clock follows the latest simulated time seen and never
 * goes back. So a simulated week drives the agents' schedules (forecast every 5 simulated minutes, verification
 * windows, ...) in minutes of real time, and an ordinary deployment simply runs on wall time.
 *
 * <p>Agents schedule against it with {@link Cadence}, checked on a short wall-clock tick. Thread-safe.
 */
public final class WorkloadClock extends Clock {
    private final Clock wall;
    private final AtomicReference<Instant> simulated = new AtomicReference<>();

    public WorkloadClock(Clock wall) {
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    public static WorkloadClock system() {
        return new WorkloadClock(Clock.systemUTC());
    }

    /** Moves the clock to {@code simulatedAt} if that is later than the simulated time seen so far. */
    public void observe(Instant simulatedAt) {
        Objects.requireNonNull(simulatedAt, "simulatedAt");
        simulated.accumulateAndGet(
                simulatedAt, (current, seen) -> current == null || seen.isAfter(current) ? seen : current);
    }

    /** Whether the clock follows a simulated workload. */
    public boolean simulated() {
        return simulated.get() != null;
    }

    @Override
    public Instant instant() {
        Instant s = simulated.get();
        return s != null ? s : wall.instant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the workload clock is always UTC");
    }
}
