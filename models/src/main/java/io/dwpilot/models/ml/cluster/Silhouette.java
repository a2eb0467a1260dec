package io.dwpilot.models.ml.cluster;

import java.util.Arrays;

/**
 * The mean silhouette of a clustering (Rousseeuw 1987), on Euclidean distance. For a point with mean distance
 * {@code a} to the rest of its cluster and {@code b} to the nearest other cluster, s = (b - a) / max(a, b); a point
 * alone in its cluster has s = 0. The mean over all points lies in [-1, 1]; higher means tighter, better separated
 * clusters. O(n^2 d).
 */
final class Silhouette {
    private Silhouette() {}

    /**
     * @param clusters each point's cluster, numbered from 0
     * @return the mean silhouette, or NaN with fewer than two non-empty clusters (it is undefined there)
     */
    static double mean(double[][] points, int[] clusters) {
        if (points.length != clusters.length) {
            throw new IllegalArgumentException(points.length + " points but " + clusters.length + " assignments");
        }
        int k = 0;
        for (int c : clusters) {
            k = Math.max(k, c + 1);
        }
        int[] sizes = new int[k];
        for (int c : clusters) {
            sizes[c]++;
        }
        long nonEmpty = Arrays.stream(sizes).filter(s -> s > 0).count();
        if (nonEmpty < 2) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            sum += pointSilhouette(points, clusters, sizes, i);
        }
        return sum / points.length;
    }

    private static double pointSilhouette(double[][] points, int[] clusters, int[] sizes, int i) {
        int own = clusters[i];
        if (sizes[own] == 1) {
            return 0;
        }
        double[] distanceSums = new double[sizes.length];
        for (int j = 0; j < points.length; j++) {
            if (j != i) {
                distanceSums[clusters[j]] += Geometry.distance(points[i], points[j]);
            }
        }
        double a = distanceSums[own] / (sizes[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < sizes.length; c++) {
            if (c != own && sizes[c] > 0) {
                b = Math.min(b, distanceSums[c] / sizes[c]);
            }
        }
        double scale = Math.max(a, b);
        return scale == 0 ? 0 : (b - a) / scale;
    }
}
