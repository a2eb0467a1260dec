package io.dwpilot.models.ml.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * The learned forecaster's inputs for one bucket: {@code log1p} of the counts {@code lag} buckets earlier for each
 * lag, the time of day as a point on the unit circle (sin, cos of minute-of-day / 1440) and the UTC day of week
 * one-hot (Monday first).
 */
final class LagFeatures {
    static final Duration BUCKET = Duration.ofMinutes(5);
    private static final long BUCKET_SECONDS = BUCKET.toSeconds();
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int DAYS_PER_WEEK = 7;
    private static final int EPOCH_DAY_OF_WEEK = 3; // 1970-01-01 was a Thursday: Monday-based index 3

    private final int[] lags;

    LagFeatures(int[] lags) {
        this.lags = lags.clone();
    }

    int width() {
        return lags.length + 2 + DAYS_PER_WEEK;
    }

    int maxLag() {
        return lags[lags.length - 1];
    }

    /** The inputs for bucket {@code t} of {@code counts}, which starts at {@code bucketStart}. */
    float[] row(double[] counts, int t, Instant bucketStart) {
        float[] row = new float[width()];
        for (int i = 0; i < lags.length; i++) {
            row[i] = (float) Math.log1p(counts[t - lags[i]]);
        }
        long seconds = bucketStart.getEpochSecond();
        double dayFraction = Math.floorMod(seconds, SECONDS_PER_DAY) / (double) SECONDS_PER_DAY;
        row[lags.length] = (float) Math.sin(2 * Math.PI * dayFraction);
        row[lags.length + 1] = (float) Math.cos(2 * Math.PI * dayFraction);
        int dayOfWeek = (int) Math.floorMod(Math.floorDiv(seconds, SECONDS_PER_DAY) + EPOCH_DAY_OF_WEEK, DAYS_PER_WEEK);
        row[lags.length + 2 + dayOfWeek] = 1f;
        return row;
    }

    /** The start of bucket {@code index} of a series whose bucket 0 starts at {@code first}. */
    static Instant bucketStart(Instant first, long index) {
        return first.plusSeconds(index * BUCKET_SECONDS);
    }
}
