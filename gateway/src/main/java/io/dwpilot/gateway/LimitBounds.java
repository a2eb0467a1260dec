package io.dwpilot.gateway;

import java.util.Objects;
import java.util.Optional;

/**
 * The hard safety bounds of the gateway's limits: nothing (the governor included) may set a limit outside them.
 * The pool must hold a connection for every slot of both lanes, so {@code poolSize.max} covers both lanes' maxima.
 */
public record LimitBounds(Range interactive, Range heavy, Range poolSize, Range heavyWorkMemMb) {

    /** An inclusive range of allowed values. */
    public record Range(int min, int max) {
        public Range {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("a range needs 0 <= min <= max, got [" + min + ", " + max + "]");
            }
        }

        public int clamp(int value) {
            return Math.max(min, Math.min(max, value));
        }

        public boolean contains(int value) {
            return value >= min && value <= max;
        }
    }

    public LimitBounds {
        Objects.requireNonNull(interactive, "interactive");
        Objects.requireNonNull(heavy, "heavy");
        Objects.requireNonNull(poolSize, "poolSize");
        Objects.requireNonNull(heavyWorkMemMb, "heavyWorkMemMb");
        if (interactive.min() < 1 || heavy.min() < 1 || poolSize.min() < 1) {
            throw new IllegalArgumentException("lane and pool minima must be at least 1");
        }
        if (poolSize.max() < interactive.max() + heavy.max()) {
            throw new IllegalArgumentException("the pool's maximum (" + poolSize.max() + ") must cover both lanes'"
                    + " maxima (" + interactive.max() + " + " + heavy.max() + ")");
        }
    }

    public Range of(Lane lane) {
        return lane == Lane.INTERACTIVE ? interactive : heavy;
    }

    /**
     * Why {@code limits} may not be applied, or empty when they may: every value within its bounds (work_mem may also
     * be 0, the server's default) and a pool at least as large as both lanes together.
     */
    public Optional<String> violation(Limits limits) {
        if (!interactive.contains(limits.interactive())) {
            return Optional.of("interactive limit " + limits.interactive() + " outside " + interactive);
        }
        if (!heavy.contains(limits.heavy())) {
            return Optional.of("heavy limit " + limits.heavy() + " outside " + heavy);
        }
        if (!poolSize.contains(limits.poolSize())) {
            return Optional.of("pool size " + limits.poolSize() + " outside " + poolSize);
        }
        if (limits.poolSize() < limits.interactive() + limits.heavy()) {
            return Optional.of("pool size " + limits.poolSize() + " below the lanes' "
                    + (limits.interactive() + limits.heavy()) + " slots");
        }
        if (limits.heavyWorkMemMb() != 0 && !heavyWorkMemMb.contains(limits.heavyWorkMemMb())) {
            return Optional.of("work_mem " + limits.heavyWorkMemMb() + "MB outside " + heavyWorkMemMb);
        }
        return Optional.empty();
    }
}
