package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.cluster.QueryClustering;
import io.dwpilot.models.ml.cluster.QueryClusters;
import io.dwpilot.models.ml.cluster.QueryProfile;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.persistence.ml.LoggedExecution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Query clustering: one profile per fingerprint (its mean cost features over its successful executions and its
 * log mean time), k-means for k from 2 to 10 with k chosen by silhouette. Clusters describe the workload as it is
 * now, so there is no held-out score to beat, and nothing serves in their place while none is active (the dashboard
 * then shows no clusters): a new version serves when its silhouette is at least the active one's
 * less {@link #SILHOUETTE_SLACK}, or when the active one no longer covers today's fingerprints.
 */
final class ClusterTraining implements ModelTraining {
    static final int MINIMUM_FINGERPRINTS = 3;
    static final double SILHOUETTE_SLACK = 0.05;
    private static final int K_MIN = 2;
    private static final int K_MAX = 10;
    private static final long SEED = 29;
    /** The shape features whose sum is a profile's complexity. */
    static final List<String> COMPLEXITY = List.of(
            "sql_tables",
            "sql_joins",
            "sql_aggregates",
            "sql_group_by",
            "sql_subquery_depth",
            "sql_window_functions",
            "sql_sort_keys");

    private final ActiveModels models;

    ClusterTraining(ActiveModels models) {
        this.models = models;
    }

    @Override
    public ModelKind<?> kind() {
        return ModelKind.CLUSTER;
    }

    static List<QueryProfile> profiles(List<LoggedExecution> executions) {
        Map<String, Accumulator> byFingerprint = new LinkedHashMap<>();
        for (LoggedExecution e : executions) {
            if (e.status().succeeded() && !e.features().isEmpty()) {
                byFingerprint
                        .computeIfAbsent(e.fingerprint(), f -> new Accumulator())
                        .add(e);
            }
        }
        List<QueryProfile> profiles = new ArrayList<>();
        byFingerprint.forEach((fingerprint, a) -> profiles.add(a.profile(fingerprint)));
        return profiles;
    }

    @Override
    public Candidate train(TrainingSet data, TrainingProgress progress) throws TrainingException {
        List<QueryProfile> profiles = profiles(data.executions());
        if (profiles.size() < MINIMUM_FINGERPRINTS) {
            throw new TrainingException("only " + profiles.size() + " fingerprints with features (at least "
                    + MINIMUM_FINGERPRINTS + " are needed)");
        }
        progress.step(
                kind().name(),
                String.format(Locale.ROOT, "%d fingerprints; k-means for k = %d..%d", profiles.size(), K_MIN, K_MAX));
        long started = System.nanoTime();
        QueryClusters clusters = QueryClustering.fit(profiles, K_MIN, K_MAX, SEED);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("k", clusters.k());
        metrics.put("silhouette", clusters.silhouette());
        metrics.put("silhouette_by_k", clusters.silhouetteByK());
        metrics.put("fingerprints", profiles.size());
        metrics.put("fit_seconds", (System.nanoTime() - started) / 1e9);
        Optional<ActiveModels.Serving<QueryClusters>> active = models.get(ModelKind.CLUSTER);
        boolean better;
        String verdict;
        if (active.isEmpty()) {
            better = true;
            verdict = String.format(
                    Locale.ROOT, "no active clustering; k = %d, silhouette %.3f", clusters.k(), clusters.silhouette());
        } else {
            double current = active.get().model().silhouette();
            Set<String> covered = new LinkedHashSet<>();
            active.get().model().projection().forEach(p -> covered.add(p.fingerprint()));
            long uncovered = profiles.stream()
                    .filter(p -> !covered.contains(p.fingerprint()))
                    .count();
            better = clusters.silhouette() >= current - SILHOUETTE_SLACK || uncovered > 0;
            verdict = String.format(
                    Locale.ROOT,
                    "k = %d, silhouette %.3f against the active %s's %.3f; %d fingerprints"
                            + " the active one has not seen",
                    clusters.k(),
                    clusters.silhouette(),
                    active.get().label(),
                    current,
                    uncovered);
        }
        return new Candidate(
                clusters,
                clusters.toArtifact(),
                metrics,
                Map.of("k_min", K_MIN, "k_max", K_MAX, "seed", SEED),
                CostFeatures.SCHEMA.names(),
                profiles.size(),
                0,
                0,
                better,
                verdict);
    }

    /** Sums one fingerprint's executions. */
    private static final class Accumulator {
        private long executions;
        private double totalMs;
        private double[] featureSums;
        private final Set<String> tables = new LinkedHashSet<>();

        void add(LoggedExecution e) {
            float[] v = CostFeatures.SCHEMA.vector(e.features()).values();
            if (featureSums == null) {
                featureSums = new double[v.length];
            }
            for (int i = 0; i < v.length; i++) {
                featureSums[i] += v[i];
            }
            executions++;
            totalMs += e.executionMs();
            tables.addAll(e.tables());
        }

        QueryProfile profile(String fingerprint) {
            double[] mean = new double[featureSums.length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = featureSums[i] / executions;
            }
            double complexity = 0;
            for (String name : COMPLEXITY) {
                complexity += mean[CostFeatures.SCHEMA.index(name)];
            }
            return new QueryProfile(
                    fingerprint, executions, totalMs / executions, List.copyOf(tables), complexity, mean);
        }
    }
}
