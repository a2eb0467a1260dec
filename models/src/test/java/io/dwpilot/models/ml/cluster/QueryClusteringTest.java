package io.dwpilot.models.ml.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.ml.CorruptArtifactException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QueryClusteringTest {
    /** Three groups far apart; the third feature is in other units (bytes, say) to need standardization. */
    private static final double[][] CENTRES = {{0, 0, 0, 0}, {10, 10, 0, 0}, {0, 10, 10_000, 10}};

    private static final String[] TABLES = {"orders", "lineitem", "customer"};
    private static final int PER_GROUP = 15;

    private static List<QueryProfile> groups(long seed) {
        Random random = new Random(seed);
        List<QueryProfile> profiles = new ArrayList<>();
        for (int g = 0; g < CENTRES.length; g++) {
            for (int i = 0; i < PER_GROUP; i++) {
                double[] f = CENTRES[g].clone();
                f[0] += 0.5 * random.nextGaussian();
                f[1] += 0.5 * random.nextGaussian();
                f[2] += 500 * random.nextGaussian();
                f[3] += 0.5 * random.nextGaussian();
                List<String> tables = i % 2 == 0 ? List.of("nation", TABLES[g]) : List.of(TABLES[g]);
                profiles.add(new QueryProfile("g" + g + "-" + i, 10 + i, 5.0 * (g + 1), tables, g + 1, f));
            }
        }
        return profiles;
    }

    private static int group(String fingerprint) {
        return fingerprint.charAt(1) - '0';
    }

    @Test
    void findsWellSeparatedGroupsAsPureClusters() {
        QueryClusters clusters = QueryClustering.fit(groups(1), 2, 6, 3);

        assertThat(clusters.k()).isEqualTo(3);
        assertThat(clusters.silhouetteByK()).containsOnlyKeys(2, 3, 4, 5, 6);
        assertThat(clusters.silhouette())
                .isEqualTo(clusters.silhouetteByK().get(3))
                .isGreaterThan(0.7);
        Map<Integer, Set<Integer>> groupsPerCluster = clusters.projection().stream()
                .collect(Collectors.groupingBy(
                        Point::cluster, Collectors.mapping(p -> group(p.fingerprint()), Collectors.toSet())));
        assertThat(groupsPerCluster)
                .hasSize(3)
                .allSatisfy((cluster, groups) -> assertThat(groups).hasSize(1));

        for (ClusterProfile c : clusters.clusters()) {
            assertThat(c.size()).isEqualTo(PER_GROUP);
            int g = groupsPerCluster.get(c.id()).iterator().next();
            assertThat(c.topTables()).containsExactly(TABLES[g], "nation");
            assertThat(c.meanComplexity()).isEqualTo(g + 1.0);
            assertThat(c.meanMs()).isEqualTo(5.0 * (g + 1));
            assertThat(c.executions()).isEqualTo(PER_GROUP * 10 + PER_GROUP * (PER_GROUP - 1) / 2);
        }
    }

    @Test
    void newShapesJoinTheNearestGroup() {
        QueryClusters clusters = QueryClustering.fit(groups(2), 2, 5, 3);
        Set<Integer> assigned = new HashSet<>();
        for (int g = 0; g < CENTRES.length; g++) {
            int cluster = clusters.assign(CENTRES[g]);
            assertThat(cluster).as("group %d", g).isEqualTo(clusterOf(clusters, "g" + g + "-0"));
            assigned.add(cluster);
        }
        assertThat(assigned).hasSize(CENTRES.length);
        assertThatThrownBy(() -> clusters.assign(new double[2])).isInstanceOf(IllegalArgumentException.class);
    }

    private static int clusterOf(QueryClusters clusters, String fingerprint) {
        return clusters.projection().stream()
                .filter(p -> p.fingerprint().equals(fingerprint))
                .findFirst()
                .orElseThrow()
                .cluster();
    }

    @Test
    void projectionSeparatesTheGroups() {
        List<Point> points = QueryClustering.fit(groups(3), 2, 5, 3).projection();
        double[][] centre = new double[CENTRES.length][2];
        for (Point p : points) {
            centre[group(p.fingerprint())][0] += p.x() / PER_GROUP;
            centre[group(p.fingerprint())][1] += p.y() / PER_GROUP;
        }
        double radius = points.stream()
                .mapToDouble(p -> Math.hypot(
                        p.x() - centre[group(p.fingerprint())][0], p.y() - centre[group(p.fingerprint())][1]))
                .max()
                .orElseThrow();
        for (int a = 0; a < CENTRES.length; a++) {
            for (int b = a + 1; b < CENTRES.length; b++) {
                assertThat(Math.hypot(centre[a][0] - centre[b][0], centre[a][1] - centre[b][1]))
                        .as("groups %d and %d", a, b)
                        .isGreaterThan(3 * radius);
            }
        }
    }

    @Test
    void roundTripsAndRejectsCorruptBytes() {
        QueryClusters clusters = QueryClustering.fit(groups(4), 2, 4, 5);
        byte[] artifact = clusters.toArtifact();
        QueryClusters back = QueryClusters.fromArtifact(artifact);

        assertThat(back.toArtifact()).isEqualTo(artifact);
        assertThat(back.k()).isEqualTo(clusters.k());
        assertThat(back.silhouette()).isEqualTo(clusters.silhouette());
        assertThat(back.silhouetteByK()).isEqualTo(clusters.silhouetteByK());
        assertThat(back.clusters()).isEqualTo(clusters.clusters());
        assertThat(back.projection()).isEqualTo(clusters.projection());
        assertThat(back.profiles()).isEqualTo(clusters.profiles());
        assertThat(back.assign(new double[] {9, 9, 100, 1})).isEqualTo(clusters.assign(new double[] {9, 9, 100, 1}));

        byte[] flipped = artifact.clone();
        flipped[artifact.length / 3] ^= 0x08;
        assertThatThrownBy(() -> QueryClusters.fromArtifact(flipped)).isInstanceOf(CorruptArtifactException.class);
        assertThatThrownBy(() -> QueryClusters.fromArtifact(new byte[] {1, 2, 3}))
                .isInstanceOf(CorruptArtifactException.class);
    }

    @Test
    void isDeterministicForASeed() {
        assertThat(QueryClustering.fit(groups(5), 2, 5, 9).toArtifact())
                .isEqualTo(QueryClustering.fit(groups(5), 2, 5, 9).toArtifact());
    }

    @Test
    void fewerThanThreeProfilesMakeOneCluster() {
        List<QueryProfile> two = groups(6).subList(0, 2);
        QueryClusters clusters = QueryClustering.fit(two, 2, 5, 1);

        assertThat(clusters.k()).isEqualTo(1);
        assertThat(clusters.silhouette()).isNaN();
        assertThat(clusters.silhouetteByK()).isEmpty();
        assertThat(clusters.projection()).extracting(Point::cluster).containsExactly(0, 0);
        assertThat(clusters.clusters())
                .singleElement()
                .extracting(ClusterProfile::size)
                .isEqualTo(2);
        assertThat(QueryClusters.fromArtifact(clusters.toArtifact()).silhouette())
                .isNaN();
    }

    @Test
    void kIsCappedByTheProfilesAndTheirDistinctPoints() {
        assertThat(QueryClustering.fit(groups(7).subList(0, 4), 2, 10, 1)
                        .silhouetteByK()
                        .keySet())
                .containsExactly(2, 3);

        List<QueryProfile> alike =
                List.of(profile("a", 1, 1), profile("b", 1, 1), profile("c", 1, 1), profile("d", 1, 1));
        QueryClusters one = QueryClustering.fit(alike, 2, 3, 1);
        assertThat(one.k()).isEqualTo(1);
        assertThat(one.projection()).allSatisfy(p -> assertThat(p.x()).isZero());
    }

    private static QueryProfile profile(String fingerprint, double... features) {
        return new QueryProfile(fingerprint, 1, 1, List.of(), 0, features);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> QueryClustering.fit(List.of(), 2, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryClustering.fit(groups(8), 1, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryClustering.fit(groups(8), 4, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QueryClustering.fit(List.of(profile("a", 1, 2), profile("b", 1)), 2, 3, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> profile("a", 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
