package io.dwpilot.models.ml.cluster;

import java.util.List;

/**
 * What one cluster of statement shapes has in common.
 *
 * @param id             the cluster's number; 0 is the largest cluster
 * @param size           shapes in it
 * @param executions     their executions together
 * @param meanMs         the mean time of those executions (the shapes' means weighted by their executions; an
 *                       unweighted mean if none ran)
 * @param topTables      the tables most of its shapes read, most common first
 * @param meanComplexity the shapes' mean complexity
 */
public record ClusterProfile(
        int id, int size, long executions, double meanMs, List<String> topTables, double meanComplexity) {
    public ClusterProfile {
        topTables = List.copyOf(topTables);
    }
}
