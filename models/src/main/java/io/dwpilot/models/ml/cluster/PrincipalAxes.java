package io.dwpilot.models.ml.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The first two principal axes of standardized (zero-mean) data: the leading eigenvector of the covariance matrix by
 * power iteration, then the leading one of the matrix deflated by it. Each axis is a unit vector whose largest
 * component is positive (so a fit is reproducible), or all zeros when the data has no variance left in that
 * direction (e.g. the second axis of one feature).
 */
record PrincipalAxes(double[] first, double[] second) {
    private static final int MAX_ITERATIONS = 1000;
    private static final double TOLERANCE = 1e-12;

    PrincipalAxes {
        first = first.clone();
        second = second.clone();
        if (first.length == 0
                || first.length != second.length
                || !Arrays.stream(first).allMatch(Double::isFinite)
                || !Arrays.stream(second).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException("axes must be finite, non-empty and of one length");
        }
    }

    static PrincipalAxes fit(double[][] z, long seed) {
        int d = z[0].length;
        double[][] covariance = new double[d][d];
        for (double[] row : z) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    covariance[a][b] += row[a] * row[b] / z.length;
                }
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] first = leadingEigenvector(covariance, random);
        double lambda = Geometry.dot(first, multiply(covariance, first));
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                covariance[a][b] -= lambda * first[a] * first[b];
            }
        }
        return new PrincipalAxes(first, leadingEigenvector(covariance, random));
    }

    /** The coordinates of a standardized point on the two axes. */
    double[] project(double[] z) {
        return new double[] {Geometry.dot(first, z), Geometry.dot(second, z)};
    }

    private static double[] leadingEigenvector(double[][] matrix, SplittableRandom random) {
        int d = matrix.length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = random.nextDouble() - 0.5;
        }
        if (!normalize(v)) {
            return new double[d];
        }
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] w = multiply(matrix, v);
            if (!normalize(w)) {
                return new double[d];
            }
            double change = Geometry.distance(v, w);
            v = w;
            if (change < TOLERANCE) {
                break;
            }
        }
        int largest = 0;
        for (int j = 1; j < d; j++) {
            largest = Math.abs(v[j]) > Math.abs(v[largest]) ? j : largest;
        }
        if (v[largest] < 0) {
            for (int j = 0; j < d; j++) {
                v[j] = -v[j];
            }
        }
        return v;
    }

    private static double[] multiply(double[][] matrix, double[] v) {
        double[] w = new double[v.length];
        for (int a = 0; a < v.length; a++) {
            w[a] = Geometry.dot(matrix[a], v);
        }
        return w;
    }

    /** Scales {@code v} to unit length in place; false if it is (numerically) zero. */
    private static boolean normalize(double[] v) {
        double norm = Math.sqrt(Geometry.dot(v, v));
        if (norm < TOLERANCE) {
            return false;
        }
        for (int j = 0; j < v.length; j++) {
            v[j] /= norm;
        }
        return true;
    }

    @Override
    public double[] first() {
        return first.clone();
    }

    @Override
    public double[] second() {
        return second.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrincipalAxes p && Arrays.equals(first, p.first) && Arrays.equals(second, p.second);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(first) + Arrays.hashCode(second);
    }

    @Override
    public String toString() {
        return "PrincipalAxes[first=" + Arrays.toString(first) + ", second=" + Arrays.toString(second) + "]";
    }
}
