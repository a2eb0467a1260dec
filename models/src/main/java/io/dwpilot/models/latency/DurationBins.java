package io.dwpilot.models.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Execution-time bins on a 1-2-5 scale, the steps people read a log axis by: 0-1, 1-2, 2-5, 5-10, ... 10000-20000 ms,
 * then 20000-60000 (a minute closes the scale, the usual statement timeout's order) and 60000 ms or more.
 */
public final class DurationBins {
    /** The lower edge of every bin but the first (which starts at 0), ascending. */
    private static final double[] EDGES = build();

    /** One bin: lowMs ≤ time < highMs; the last has no upper edge. */
    public record Bin(double lowMs, Optional<Double> highMs, long count) {}

    private DurationBins() {}

    /** The edges between bins, ascending: 1, 2, 5, 10, ..., 20000, 60000 (a copy). */
    public static double[] edges() {
        return EDGES.clone();
    }

    private static double[] build() {
        List<Double> edges = new ArrayList<>();
        for (double decade = 1; decade <= 10_000; decade *= 10) {
            edges.add(decade);
            edges.add(2 * decade);
            if (decade < 10_000) {
                edges.add(5 * decade);
            }
        }
        edges.add(60_000.0);
        return edges.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The number of bins: one more than the edges. */
    public static int count() {
        return EDGES.length + 1;
    }

    /**
     * The bins with their counts.
     *
     * @param counts {@code counts[i]} executions in bin {@code i}, as PostgreSQL's {@code width_bucket(time, edges)}
     *               numbers them (0 below the first edge)
     */
    public static List<Bin> of(long[] counts) {
        if (counts.length != count()) {
            throw new IllegalArgumentException("expected " + count() + " counts, got " + counts.length);
        }
        List<Bin> bins = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            bins.add(new Bin(
                    i == 0 ? 0 : EDGES[i - 1], i < EDGES.length ? Optional.of(EDGES[i]) : Optional.empty(), counts[i]));
        }
        return bins;
    }
}
