package io.dwpilot.models.forecast;

import java.util.Random;

/** Synthetic arrival series for tests. */
final class Series {
    private Series() {}

    /** base + slope*t + amplitude*sin(2 pi t / 288) + N(0, noise), clamped at 0, seeded. */
    static double[] dailyWithTrend(int days, double base, double slope, double amplitude, double noise, long seed) {
        Random random = new Random(seed);
        int n = days * Forecaster.BUCKETS_PER_DAY;
        double[] x = new double[n];
        for (int t = 0; t < n; t++) {
            double season = amplitude * Math.sin(2 * Math.PI * t / Forecaster.BUCKETS_PER_DAY);
            x[t] = Math.max(0, base + slope * t + season + noise * random.nextGaussian());
        }
        return x;
    }

    /** One pattern repeated. */
    static double[] periodic(double[] pattern, int repeats) {
        double[] x = new double[pattern.length * repeats];
        for (int i = 0; i < x.length; i++) {
            x[i] = pattern[i % pattern.length];
        }
        return x;
    }

    static double[] head(double[] x, int n) {
        return java.util.Arrays.copyOf(x, n);
    }

    static double[] tail(double[] x, int n) {
        return java.util.Arrays.copyOfRange(x, x.length - n, x.length);
    }
}
