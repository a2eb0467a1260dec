package io.dwpilot.simulator.workload.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An accelerated clock: simulated time = start + (real time elapsed since creation × speed). At speed 1000 a
 * simulated week passes in about ten minutes. The real time comes from an injected {@link Clock}, so tests can
 * drive it.
 */
public final class SimulatedClock {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Clock real;
    private final Instant simulatedStart;
    private final Instant realStart;
    private final double speed;

    public SimulatedClock(Instant simulatedStart, double speed) {
        this(simulatedStart, speed, Clock.systemUTC());
    }

    public SimulatedClock(Instant simulatedStart, double speed, Clock real) {
        if (!(speed >= 1) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be at least 1, got " + speed);
        }
        this.real = real;
        this.simulatedStart = simulatedStart;
        this.speed = speed;
        this.realStart = real.instant();
    }

    /** The simulated time now. */
    public Instant now() {
        return simulatedAt(realElapsed());
    }

    /** The simulated time after {@code realElapsed} of real time since the clock started. */
    public Instant simulatedAt(Duration realElapsed) {
        return simulatedStart.plus(scale(realElapsed, speed));
    }

    /** Real time elapsed since the clock started (never negative). */
    public Duration realElapsed() {
        Duration elapsed = Duration.between(realStart, real.instant());
        return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }

    /** How much real time is left until the simulated clock shows {@code simulated} (zero when it already has). */
    public Duration realUntil(Instant simulated) {
        Duration simulatedAhead = Duration.between(now(), simulated);
        return simulatedAhead.isNegative() ? Duration.ZERO : scale(simulatedAhead, 1 / speed);
    }

    /** The real time a simulated duration takes. */
    public Duration realDuration(Duration simulated) {
        return scale(simulated, 1 / speed);
    }

    public Instant simulatedStart() {
        return simulatedStart;
    }

    public double speed() {
        return speed;
    }

    private static Duration scale(Duration duration, double factor) {
        double seconds = (duration.getSeconds() + duration.getNano() / (double) NANOS_PER_SECOND) * factor;
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * NANOS_PER_SECOND);
        return Duration.ofSeconds(whole, nanos);
    }
}
