package io.dwpilot.models.eval;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Forecast accuracy metrics. Every metric takes {@code actual} and {@code forecast} arrays of equal, non-zero length
 * (else {@link IllegalArgumentException}). Percentage-style metrics are returned as fractions: 0.10 means 10 %.
 *
 * <p>Zero actuals (5-minute buckets without queries are common at night) make the textbook MAPE undefined, so:
 * <ul>
 *   <li>{@link #mape}: mean of {@code |a - f| / a} over the buckets with {@code a > 0} only; buckets with
 *       {@code a <= 0} are skipped. {@link Double#NaN} if no bucket has {@code a > 0}. Use it together with
 *       {@link #mae} (which sees every bucket) so a model cannot hide errors in quiet periods.</li>
 *   <li>{@link #smape}: mean of {@code 2 |a - f| / (|a| + |f|)} over all buckets, in [0, 2]; a bucket where both
 *       are 0 counts as a perfect 0.</li>
 *   <li>{@link #mae}: mean absolute error over all buckets.</li>
 * </ul>
 */
public final class ForecastMetrics {
    /** ±1 hour expressed in 5-minute buckets. */
    public static final int ONE_HOUR_BUCKETS = 12;

    private ForecastMetrics() {}

    public static double mae(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(actual[i] - forecast[i]);
        }
        return sum / actual.length;
    }

    /** Root mean squared error over all buckets. */
    public static double rmse(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - forecast[i];
            sum += d * d;
        }
        return Math.sqrt(sum / actual.length);
    }

    /** MAPE over the buckets with a positive actual, as a fraction; NaN when there is none. */
    public static double mape(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] > 0) {
                sum += Math.abs(actual[i] - forecast[i]) / actual[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Symmetric MAPE over all buckets, as a fraction in [0, 2]; 0/0 buckets count as 0. */
    public static double smape(double[] actual, double[] forecast) {
        check(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            if (denominator > 0) {
                sum += 2 * Math.abs(actual[i] - forecast[i]) / denominator;
            }
        }
        return sum / actual.length;
    }

    /**
     * Peak-hour hit rate for one day (or any window): the share of the forecast's {@code k} highest buckets that lie
     * within {@code toleranceBuckets} of at least one of the actual's {@code k} highest buckets. 1.0 means every
     * predicted peak was a real peak (within tolerance). Ties are broken by the earlier bucket. Positions are not
     * wrapped around the window's ends.
     *
     * @throws IllegalArgumentException if {@code k} is not in [1, length] or the tolerance is negative
     */
    public static double peakHitRate(double[] actual, double[] forecast, int k, int toleranceBuckets) {
        check(actual, forecast);
        if (k < 1 || k > actual.length) {
            throw new IllegalArgumentException("k must be in [1, " + actual.length + "], was " + k);
        }
        if (toleranceBuckets < 0) {
            throw new IllegalArgumentException("toleranceBuckets must be >= 0, was " + toleranceBuckets);
        }
        int[] actualTop = topK(actual, k);
        int[] forecastTop = topK(forecast, k);
        int hits = 0;
        for (int f : forecastTop) {
            for (int a : actualTop) {
                if (Math.abs(f - a) <= toleranceBuckets) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / k;
    }

    /** {@link #peakHitRate} with a tolerance of ±1 hour (12 five-minute buckets). */
    public static double peakHourHitRate(double[] actual, double[] forecast, int k) {
        return peakHitRate(actual, forecast, k, ONE_HOUR_BUCKETS);
    }

    /** Indices of the {@code k} largest values, largest first; ties go to the earlier index. */
    public static int[] topK(double[] values, int k) {
        return IntStream.range(0, values.length)
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> values[i])
                        .reversed()
                        .thenComparingInt(i -> i))
                .limit(k)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private static void check(double[] actual, double[] forecast) {
        if (actual == null || forecast == null) {
            throw new IllegalArgumentException("actual and forecast must not be null");
        }
        if (actual.length != forecast.length) {
            throw new IllegalArgumentException(
                    "actual has " + actual.length + " values but forecast has " + forecast.length);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("actual and forecast must not be empty");
        }
    }
}
