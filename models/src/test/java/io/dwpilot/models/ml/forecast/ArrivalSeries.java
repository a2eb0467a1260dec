package io.dwpilot.models.ml.forecast;

import io.dwpilot.models.forecast.Forecaster;
import java.time.Instant;
import java.util.Random;

/**
 * Synthetic query arrivals per 5-minute bucket: a Poisson count whose rate has a daily shape (quiet nights, a
 * morning and an afternoon peak) and a weekly one (weekends at 45 %).
 */
final class ArrivalSeries {
    /** A Monday, midnight UTC. */
    static final Instant MONDAY = Instant.parse("2024-05-06T00:00:00Z");

    private ArrivalSeries() {}

    static double[] generate(int days, double peakRate, long seed) {
        Random random = new Random(seed);
        double[] counts = new double[days * Forecaster.BUCKETS_PER_DAY];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = poisson(rate(t, peakRate), random);
        }
        return counts;
    }

    static double rate(int t, double peakRate) {
        double hour = (t % Forecaster.BUCKETS_PER_DAY) / 12.0;
        int dayOfWeek = (t / Forecaster.BUCKETS_PER_DAY) % 7; // 0 = Monday
        double daily = 0.15
                + 0.85 * Math.exp(-Math.pow((hour - 10) / 2.5, 2))
                + 0.6 * Math.exp(-Math.pow((hour - 15.5) / 2, 2));
        double weekly = dayOfWeek >= 5 ? 0.45 : 1.0;
        return peakRate * daily * weekly;
    }

    private static double poisson(double lambda, Random random) {
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= random.nextDouble();
            k++;
        }
        return k;
    }
}
