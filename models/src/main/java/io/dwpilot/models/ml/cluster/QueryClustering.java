package io.dwpilot.models.ml.cluster;

import io.dwpilot.models.ml.ColumnStandardizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Groups statement shapes for the dashboard. Features are standardized; for each k in [kMin, kMax] — capped at
 * n - 1 shapes and at the number of distinct points, since a silhouette needs a cluster with two members — k-means
 * with k-means++ seeding runs on them (Tribuo), and the k with the highest mean silhouette wins (the smaller k on a
 * tie). Fewer than three shapes, or all alike, make one cluster with an undefined (NaN) silhouette. Clusters are
 * numbered by size, largest first.
 */
public final class QueryClustering {
    private QueryClustering() {}

    public static QueryClusters fit(List<QueryProfile> profiles, int kMin, int kMax, long seed) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("need at least one query profile");
        }
        if (kMin < 2 || kMax < kMin) {
            throw new IllegalArgumentException("need 2 <= kMin <= kMax, got " + kMin + ", " + kMax);
        }
        double[][] x = profiles.stream().map(QueryProfile::features).toArray(double[][]::new);
        for (double[] row : x) {
            if (row.length != x[0].length) {
                throw new IllegalArgumentException("profiles have " + x[0].length + " and " + row.length + " features");
            }
        }
        ColumnStandardizer standardizer = ColumnStandardizer.fit(x);
        double[][] z = Arrays.stream(x).map(standardizer::apply).toArray(double[][]::new);
        PrincipalAxes axes = PrincipalAxes.fit(z, seed);

        int kUpper = Math.min(Math.min(kMax, z.length - 1), distinctRows(z));
        if (z.length < 3 || kUpper < 2) {
            return new QueryClusters(profiles, standardizer, new double[][] {mean(z)}, axes, Double.NaN, Map.of());
        }
        Map<Integer, Double> silhouetteByK = new LinkedHashMap<>();
        double[][] best = null;
        double bestSilhouette = Double.NaN;
        for (int k = Math.min(kMin, kUpper); k <= kUpper; k++) {
            double[][] centroids = bySize(TribuoKMeans.centroids(z, k, seed), z);
            double silhouette = Silhouette.mean(z, assign(centroids, z));
            silhouetteByK.put(k, silhouette);
            if (best == null || silhouette > bestSilhouette) {
                best = centroids;
                bestSilhouette = silhouette;
            }
        }
        return new QueryClusters(profiles, standardizer, best, axes, bestSilhouette, silhouetteByK);
    }

    /** The centroids that attract at least one point, the most attractive first (ties keep their order). */
    private static double[][] bySize(double[][] centroids, double[][] z) {
        int[] sizes = new int[centroids.length];
        for (int c : assign(centroids, z)) {
            sizes[c]++;
        }
        return IntStream.range(0, centroids.length)
                .filter(c -> sizes[c] > 0)
                .boxed()
                .sorted(Comparator.comparingInt((Integer c) -> sizes[c]).reversed())
                .map(c -> centroids[c])
                .toArray(double[][]::new);
    }

    private static int[] assign(double[][] centroids, double[][] z) {
        return Arrays.stream(z)
                .mapToInt(point -> Geometry.nearest(centroids, point))
                .toArray();
    }

    private static int distinctRows(double[][] z) {
        Set<List<Double>> rows = new HashSet<>();
        for (double[] row : z) {
            rows.add(Arrays.stream(row).boxed().toList());
        }
        return rows.size();
    }

    private static double[] mean(double[][] z) {
        double[] mean = new double[z[0].length];
        for (double[] row : z) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += row[j] / z.length;
            }
        }
        return mean;
    }
}
