package io.dwpilot.models.ml.features;

/**
 * The running latency statistics of one fingerprint (Welford's mean and variance plus an exponentially weighted
 * mean, on log time). The gateway keeps one per fingerprint and the training pipeline replays logged executions
 * through the same class, so that history features mean the same in both. Thread-safe.
 */
public final class LatencyHistory {
    /** Weight of a new execution in the exponentially weighted mean. */
    public static final double EWMA_WEIGHT = 0.3;
    /** Times are floored here before the log: a sub-10-microsecond time is measurement noise. */
    public static final double FLOOR_MS = 0.01;

    private long count;
    private double mean;
    private double m2;
    private double last;
    private double ewma;

    /** The log of a time in milliseconds, floored at {@link #FLOOR_MS}. */
    public static double logMs(double ms) {
        return Math.log(Math.max(ms, FLOOR_MS));
    }

    public synchronized void observe(double ms) {
        double x = logMs(ms);
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        last = x;
        ewma = count == 1 ? x : ewma + EWMA_WEIGHT * (x - ewma);
    }

    public synchronized HistorySnapshot snapshot() {
        if (count == 0) {
            return HistorySnapshot.EMPTY;
        }
        double std = count < 2 ? 0 : Math.sqrt(m2 / (count - 1));
        return new HistorySnapshot(count, mean, std, last, ewma);
    }
}
