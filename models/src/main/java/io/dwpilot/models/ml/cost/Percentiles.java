package io.dwpilot.models.ml.cost;

import java.util.Arrays;

/** Order statistics with linear interpolation between closest ranks (rank {@code (n - 1) p}, as numpy's default). */
final class Percentiles {
    private Percentiles() {}

    /** The {@code p}-quantile ({@code p} in [0, 1]) of values that are already sorted ascending. */
    static double ofSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double rank = (sorted.length - 1) * p;
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, 0.5);
    }
}
