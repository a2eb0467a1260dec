package io.dwpilot.bench.faults;

import java.util.Collection;
import java.util.Locale;

/** Count and nearest-rank percentiles of a set of latencies in milliseconds. */
public record LatencySummary(int count, double p50, double p95, double p99, double max) {

    public static LatencySummary of(Collection<Double> latenciesMs) {
        double[] sorted =
                latenciesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(
                sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    /** The nearest-rank percentile: the smallest value with at least {@code q} of the values at or below it. */
    static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public boolean empty() {
        return count == 0;
    }

    @Override
    public String toString() {
        return empty()
                ? "no samples"
                : String.format(
                        Locale.ROOT,
                        "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                        count,
                        p50,
                        p95,
                        p99,
                        max);
    }
}
