package io.dwpilot.models.ml.cluster;

import java.util.Arrays;

/**
 * Centres each feature on its mean and divides by its (population) standard deviation, so that no feature
 * dominates the distances by its unit alone. A constant feature keeps scale 1 and becomes 0 everywhere.
 */
record Standardizer(double[] means, double[] scales) {
    Standardizer {
        means = means.clone();
        scales = scales.clone();
        if (means.length == 0 || means.length != scales.length) {
            throw new IllegalArgumentException("means and scales must be non-empty and of one length");
        }
        for (int j = 0; j < means.length; j++) {
            if (!Double.isFinite(means[j]) || !(scales[j] > 0) || Double.isInfinite(scales[j])) {
                throw new IllegalArgumentException("feature " + j + " has mean " + means[j] + " and scale "
                        + scales[j]);
            }
        }
    }

    static Standardizer fit(double[][] x) {
        int d = x[0].length;
        double[] means = new double[d];
        double[] scales = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double variance = 0;
            for (double[] row : x) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double std = Math.sqrt(variance / x.length);
            means[j] = mean;
            scales[j] = std > 0 ? std : 1;
        }
        return new Standardizer(means, scales);
    }

    int dimensions() {
        return means.length;
    }

    double[] apply(double[] features) {
        if (features.length != means.length) {
            throw new IllegalArgumentException("the clustering has " + means.length + " features, the input "
                    + features.length);
        }
        double[] z = new double[features.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (features[j] - means[j]) / scales[j];
        }
        return z;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer s && Arrays.equals(means, s.means) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "Standardizer[means=" + Arrays.toString(means) + ", scales=" + Arrays.toString(scales) + "]";
    }
}
