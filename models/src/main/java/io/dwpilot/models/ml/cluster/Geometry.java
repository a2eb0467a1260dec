package io.dwpilot.models.ml.cluster;

/** Euclidean helpers shared by the clustering's parts. */
final class Geometry {
    private Geometry() {}

    static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /** The index of the centroid nearest to {@code point}; the lowest index wins a tie. */
    static int nearest(double[][] centroids, double[] point) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double d = distance(centroids[c], point);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }
}
