package io.dwpilot.models.anomaly;

import java.util.Arrays;

/**
 * Robust statistics of the most recent {@code capacity} values of a series (e.g. one fingerprint's latencies):
 * median, MAD, and the robust z-score {@code (x - median) / (1.4826 * MAD)}. The factor 1.4826 makes the scaled MAD
 * estimate the standard deviation of normally distributed data.
 *
 * <p>Cost: {@link #add} is O(N) (a ring buffer plus a sorted copy kept by binary-search insertion and removal);
 * {@link #mad} sorts the N absolute deviations, O(N log N), and is cached until the next {@link #add}.
 *
 * <p><b>MAD = 0</b> (more than half of the window holds the same value, typical of very fast or cached queries):
 * the scale falls back to the mean absolute deviation from the median times 1.2533 (which, like 1.4826 * MAD,
 * estimates the standard deviation under normality). If that is also 0 (every value in the window is identical) the
 * score is 0 for {@code x == median} and {@code ±Infinity} otherwise: any departure from a perfectly constant series
 * is infinitely unusual, so callers must pair the score with an absolute floor (as
 * {@link SlowExecutionDetector} does). With an empty window the score is NaN.
 *
 * <p>Not thread-safe.
 */
public final class RobustNorm {
    /** Scales MAD to a standard-deviation estimate under normality. */
    public static final double MAD_SCALE = 1.4826;
    /** Scales the mean absolute deviation to a standard-deviation estimate under normality (sqrt(pi/2)). */
    public static final double MEAN_AD_SCALE = 1.2533;

    private final double[] ring;
    private final double[] sorted;
    private int size;
    private int next;
    private double cachedMad = Double.NaN;
    private double cachedMeanAd = Double.NaN;

    public RobustNorm(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        ring = new double[capacity];
        sorted = new double[capacity];
    }

    /** Adds a value, forgetting the oldest one if the window is full. */
    public void add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("value must be finite, was " + x);
        }
        if (size == ring.length) {
            double oldest = ring[next];
            int at = Arrays.binarySearch(sorted, 0, size, oldest);
            System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
            size--;
        }
        ring[next] = x;
        next = (next + 1) % ring.length;
        int at = Arrays.binarySearch(sorted, 0, size, x);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = x;
        size++;
        cachedMad = Double.NaN;
        cachedMeanAd = Double.NaN;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Median of the window (mean of the two middle values for an even count); NaN if empty. */
    public double median() {
        if (size == 0) {
            return Double.NaN;
        }
        int mid = size / 2;
        return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The nearest-rank {@code q}-quantile of the window (0 < q <= 1); NaN if empty. */
    public double quantile(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1], was " + q);
        }
        return size == 0 ? Double.NaN : sorted[(int) Math.ceil(q * size) - 1];
    }

    /** Unscaled median absolute deviation from the median; NaN if empty. */
    public double mad() {
        if (size == 0) {
            return Double.NaN;
        }
        if (Double.isNaN(cachedMad)) {
            double median = median();
            double[] deviations = new double[size];
            double sum = 0;
            for (int i = 0; i < size; i++) {
                deviations[i] = Math.abs(sorted[i] - median);
                sum += deviations[i];
            }
            Arrays.sort(deviations);
            int mid = size / 2;
            cachedMad = size % 2 == 1 ? deviations[mid] : (deviations[mid - 1] + deviations[mid]) / 2;
            cachedMeanAd = sum / size;
        }
        return cachedMad;
    }

    /** The scale used by {@link #score}: 1.4826 * MAD, or 1.2533 * mean absolute deviation when MAD is 0. */
    public double scale() {
        double mad = mad();
        if (Double.isNaN(mad)) {
            return Double.NaN;
        }
        return mad > 0 ? MAD_SCALE * mad : MEAN_AD_SCALE * cachedMeanAd;
    }

    /** Robust z-score of {@code x} against the window (see the class comment for MAD = 0 and empty windows). */
    public double score(double x) {
        if (size == 0) {
            return Double.NaN;
        }
        double deviation = x - median();
        double scale = scale();
        if (scale > 0) {
            return deviation / scale;
        }
        return deviation == 0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, deviation);
    }
}
