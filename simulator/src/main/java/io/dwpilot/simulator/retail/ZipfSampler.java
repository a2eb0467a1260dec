package io.dwpilot.simulator.retail;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ids 1..n with Zipf-skewed popularity: a few hot ids take a large share. Which ids are hot is a seeded
 * shuffle, so hot customers are not simply the first ones.
 */
public final class ZipfSampler {
    private final double[] cumulative;
    private final long[] idByRank;

    public ZipfSampler(int n, double exponent, long shuffleSeed) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one id");
        }
        cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1.0 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
        idByRank = new long[n];
        for (int i = 0; i < n; i++) {
            idByRank[i] = i + 1;
        }
        SplittableRandom shuffle = new SplittableRandom(shuffleSeed);
        for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long t = idByRank[i];
            idByRank[i] = idByRank[j];
            idByRank[j] = t;
        }
    }

    public long next(SplittableRandom random) {
        int rank = Arrays.binarySearch(cumulative, random.nextDouble());
        if (rank < 0) {
            rank = Math.min(-rank - 1, cumulative.length - 1);
        }
        return idByRank[rank];
    }
}
