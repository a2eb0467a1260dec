package io.dwpilot.models.ml.cluster;

import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.ColumnStandardizer;
import io.dwpilot.models.ml.CorruptArtifactException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fitted clustering of statement shapes (see {@link QueryClustering}): the standardization, the centroids and the
 * two principal axes, with what the dashboard shows — one {@link ClusterProfile} per cluster and one {@link Point}
 * per shape. A shape belongs to the cluster of its nearest centroid, the same rule {@link #assign} applies to a new
 * shape. Immutable and thread-safe.
 */
public final class QueryClusters {
    /** Tables named per cluster. */
    public static final int TOP_TABLES = 3;

    private static final int MAGIC = 0x44575143; // "DWQC"
    private static final int FORMAT_VERSION = 1;

    private final List<QueryProfile> profiles;
    private final ColumnStandardizer standardizer;
    private final double[][] centroids;
    private final PrincipalAxes axes;
    private final double silhouette;
    private final Map<Integer, Double> silhouetteByK;
    private final List<ClusterProfile> clusters;
    private final List<Point> projection;

    QueryClusters(
            List<QueryProfile> profiles,
            ColumnStandardizer standardizer,
            double[][] centroids,
            PrincipalAxes axes,
            double silhouette,
            Map<Integer, Double> silhouetteByK) {
        this.profiles = List.copyOf(profiles);
        this.standardizer = Objects.requireNonNull(standardizer, "standardizer");
        this.axes = Objects.requireNonNull(axes, "axes");
        this.silhouette = silhouette;
        this.silhouetteByK = Collections.unmodifiableMap(new LinkedHashMap<>(silhouetteByK));
        int d = standardizer.columns();
        if (centroids.length == 0 || axes.first().length != d) {
            throw new IllegalArgumentException("need at least one centroid and axes of " + d + " features");
        }
        this.centroids = new double[centroids.length][];
        for (int c = 0; c < centroids.length; c++) {
            if (centroids[c].length != d) {
                throw new IllegalArgumentException(
                        "centroid " + c + " has " + centroids[c].length + " features, not " + d);
            }
            this.centroids[c] = centroids[c].clone();
        }
        List<List<QueryProfile>> members = new ArrayList<>();
        for (int c = 0; c < centroids.length; c++) {
            members.add(new ArrayList<>());
        }
        List<Point> points = new ArrayList<>();
        for (QueryProfile profile : this.profiles) {
            double[] z = standardizer.apply(profile.features());
            int cluster = Geometry.nearest(this.centroids, z);
            members.get(cluster).add(profile);
            double[] xy = axes.project(z);
            points.add(new Point(profile.fingerprint(), cluster, xy[0], xy[1]));
        }
        List<ClusterProfile> summaries = new ArrayList<>();
        for (int c = 0; c < members.size(); c++) {
            if (members.get(c).isEmpty()) {
                throw new IllegalArgumentException("cluster " + c + " has no member");
            }
            summaries.add(summarize(c, members.get(c)));
        }
        this.projection = List.copyOf(points);
        this.clusters = List.copyOf(summaries);
    }

    /** The number of clusters. */
    public int k() {
        return centroids.length;
    }

    /** The mean silhouette of the chosen clustering; NaN for a single cluster. */
    public double silhouette() {
        return silhouette;
    }

    /** The mean silhouette of each k tried, in order; empty when no k was tried. */
    public Map<Integer, Double> silhouetteByK() {
        return silhouetteByK;
    }

    public List<ClusterProfile> clusters() {
        return clusters;
    }

    /** Every shape on the first two principal components of the standardized features, in the profiles' order. */
    public List<Point> projection() {
        return projection;
    }

    public List<QueryProfile> profiles() {
        return profiles;
    }

    /** The cluster of a shape described by {@code features}: that of the nearest centroid. */
    public int assign(double[] features) {
        return Geometry.nearest(centroids, standardizer.apply(features));
    }

    public byte[] toArtifact() {
        return ArtifactFormat.write(MAGIC, FORMAT_VERSION, out -> {
            ArtifactFormat.writeDoubles(out, standardizer.means());
            ArtifactFormat.writeDoubles(out, standardizer.scales());
            out.writeInt(centroids.length);
            for (double[] centroid : centroids) {
                ArtifactFormat.writeDoubles(out, centroid);
            }
            ArtifactFormat.writeDoubles(out, axes.first());
            ArtifactFormat.writeDoubles(out, axes.second());
            out.writeDouble(silhouette);
            out.writeInt(silhouetteByK.size());
            for (Map.Entry<Integer, Double> e : silhouetteByK.entrySet()) {
                out.writeInt(e.getKey());
                out.writeDouble(e.getValue());
            }
            out.writeInt(profiles.size());
            for (QueryProfile profile : profiles) {
                write(out, profile);
            }
        });
    }

    /** @throws CorruptArtifactException if the bytes are not an intact clustering */
    public static QueryClusters fromArtifact(byte[] bytes) {
        return ArtifactFormat.read(bytes, MAGIC, FORMAT_VERSION, "query clustering", QueryClusters::read);
    }

    private static QueryClusters read(DataInputStream in) throws IOException {
        ColumnStandardizer standardizer =
                new ColumnStandardizer(ArtifactFormat.readDoubles(in), ArtifactFormat.readDoubles(in));
        double[][] centroids = new double[ArtifactFormat.readCount(in, in.available() / Integer.BYTES, "centroids")][];
        for (int c = 0; c < centroids.length; c++) {
            centroids[c] = ArtifactFormat.readDoubles(in);
        }
        PrincipalAxes axes = new PrincipalAxes(ArtifactFormat.readDoubles(in), ArtifactFormat.readDoubles(in));
        double silhouette = in.readDouble();
        int tried = ArtifactFormat.readCount(in, in.available() / (Integer.BYTES + Double.BYTES), "silhouettes");
        Map<Integer, Double> silhouetteByK = new LinkedHashMap<>();
        for (int i = 0; i < tried; i++) {
            silhouetteByK.put(in.readInt(), in.readDouble());
        }
        int count = ArtifactFormat.readCount(in, in.available(), "profiles");
        List<QueryProfile> profiles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            profiles.add(readProfile(in));
        }
        return new QueryClusters(profiles, standardizer, centroids, axes, silhouette, silhouetteByK);
    }

    private static void write(DataOutputStream out, QueryProfile profile) throws IOException {
        ArtifactFormat.writeString(out, profile.fingerprint());
        out.writeLong(profile.executions());
        out.writeDouble(profile.meanMs());
        out.writeInt(profile.tables().size());
        for (String table : profile.tables()) {
            ArtifactFormat.writeString(out, table);
        }
        out.writeDouble(profile.complexity());
        ArtifactFormat.writeDoubles(out, profile.features());
    }

    private static QueryProfile readProfile(DataInputStream in) throws IOException {
        String fingerprint = ArtifactFormat.readString(in);
        long executions = in.readLong();
        double meanMs = in.readDouble();
        int tableCount = ArtifactFormat.readCount(in, in.available() / Integer.BYTES, "tables");
        List<String> tables = new ArrayList<>(tableCount);
        for (int t = 0; t < tableCount; t++) {
            tables.add(ArtifactFormat.readString(in));
        }
        return new QueryProfile(
                fingerprint, executions, meanMs, tables, in.readDouble(), ArtifactFormat.readDoubles(in));
    }

    private static ClusterProfile summarize(int id, List<QueryProfile> members) {
        long executions = members.stream().mapToLong(QueryProfile::executions).sum();
        double meanMs = executions > 0
                ? members.stream().mapToDouble(p -> p.meanMs() * p.executions()).sum() / executions
                : members.stream().mapToDouble(QueryProfile::meanMs).average().orElseThrow();
        Map<String, Integer> shapesPerTable = new HashMap<>();
        for (QueryProfile p : members) {
            p.tables().stream().distinct().forEach(t -> shapesPerTable.merge(t, 1, Integer::sum));
        }
        List<String> topTables = shapesPerTable.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_TABLES)
                .map(Map.Entry::getKey)
                .toList();
        double meanComplexity =
                members.stream().mapToDouble(QueryProfile::complexity).average().orElseThrow();
        return new ClusterProfile(id, members.size(), executions, meanMs, topTables, meanComplexity);
    }
}
