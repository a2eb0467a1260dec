package io.dwpilot.agents.observer;

import java.time.Instant;
import java.util.Arrays;

/**
 * The most recent {@code capacity} ok executions (workload time, latency, rows), oldest overwritten first, and their
 * {@link LatencySummary}. Quantiles are nearest-rank: the smallest latency with at least the asked fraction of the
 * sample at or below it. Not thread-safe.
 */
final class LatencyWindow {
    private final long[] times;
    private final double[] latencies;
    private final long[] rows;
    private int size;
    private int next;

    LatencyWindow(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("a latency window needs room for one execution, got " + capacity);
        }
        times = new long[capacity];
        latencies = new double[capacity];
        rows = new long[capacity];
    }

    void add(Instant at, double latencyMs, long rowCount) {
        times[next] = at.toEpochMilli();
        latencies[next] = latencyMs;
        rows[next] = rowCount;
        next = (next + 1) % times.length;
        size = Math.min(size + 1, times.length);
    }

    /** Every kept execution. */
    LatencySummary summary() {
        return summary(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The kept executions with {@code from <= time <= to}. */
    LatencySummary summary(Instant from, Instant to) {
        return summary(from.toEpochMilli(), to.toEpochMilli());
    }

    private LatencySummary summary(long from, long to) {
        double[] picked = new double[size];
        int n = 0;
        long rowSum = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= from && times[i] <= to) {
                picked[n++] = latencies[i];
                rowSum += rows[i];
            }
        }
        if (n == 0) {
            return LatencySummary.EMPTY;
        }
        double[] sorted = Arrays.copyOf(picked, n);
        Arrays.sort(sorted);
        return new LatencySummary(n, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), (double) rowSum / n);
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length - 1e-9) - 1; // 0.07 * 100 is 7.000000000000001
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
