package io.dwpilot.models.ml.features;

/**
 * A fingerprint's latency history up to some moment, on log milliseconds (see {@link LatencyHistory#logMs}).
 *
 * @param count     successful executions seen so far (0: a shape never seen; the other fields are then 0)
 * @param meanLogMs their mean log time
 * @param stdLogMs  their standard deviation of log time (0 below two executions)
 * @param lastLogMs the latest one's log time
 * @param ewmaLogMs an exponentially weighted mean that follows recent change (a new execution weighs
 *                  {@link LatencyHistory#EWMA_WEIGHT})
 */
public record HistorySnapshot(long count, double meanLogMs, double stdLogMs, double lastLogMs, double ewmaLogMs) {
    public static final HistorySnapshot EMPTY = new HistorySnapshot(0, 0, 0, 0, 0);

    public HistorySnapshot {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
    }

    public boolean seen() {
        return count > 0;
    }
}
