package io.dwpilot.models.ml.anomaly;

/**
 * How fast a fingerprint arrives now against its usual pace, just before one of its executions: the executions of
 * the last {@link PaceTracker#WINDOW} of workload time, and how many its average pace since it was first seen would
 * give in such a window. A storm of rare full scans or a pile-up of heavy aggregates is ordinary execution by
 * execution and unusual only in how many come at once.
 *
 * @param recent   executions of the fingerprint within the window before this one
 * @param expected the fingerprint's executions per window on average so far (0 for a shape never seen)
 */
public record ArrivalPace(int recent, double expected) {
    public static final ArrivalPace NONE = new ArrivalPace(0, 0);

    public ArrivalPace {
        if (recent < 0 || !(expected >= 0) || Double.isInfinite(expected)) {
            throw new IllegalArgumentException(
                    "recent and expected must be finite and >= 0, were " + recent + ", " + expected);
        }
    }

    /** log((recent + 1) / (expected + 1)): 0 at the usual pace, positive in a burst. */
    public double logBurst() {
        return Math.log((recent + 1) / (expected + 1));
    }
}
