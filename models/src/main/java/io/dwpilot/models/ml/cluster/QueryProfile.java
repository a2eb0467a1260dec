package io.dwpilot.models.ml.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One statement shape as the clustering sees it.
 *
 * @param fingerprint the shape
 * @param executions  how often it ran
 * @param meanMs      its mean execution time
 * @param tables      the tables it reads
 * @param complexity  a structural complexity score (joins, subqueries, ...)
 * @param features    the numeric description it is clustered on; every profile of one clustering has the same length
 */
public record QueryProfile(
        String fingerprint, long executions, double meanMs, List<String> tables, double complexity, double[] features) {
    public QueryProfile {
        Objects.requireNonNull(fingerprint, "fingerprint");
        tables = List.copyOf(tables);
        features = features.clone();
        if (executions < 0) {
            throw new IllegalArgumentException("executions must be >= 0, was " + executions);
        }
        if (!(meanMs >= 0) || Double.isInfinite(meanMs) || !Double.isFinite(complexity)) {
            throw new IllegalArgumentException(
                    "meanMs must be finite and >= 0 and complexity finite, were " + meanMs + ", " + complexity);
        }
        if (features.length == 0 || !Arrays.stream(features).allMatch(Double::isFinite)) {
            throw new IllegalArgumentException(
                    fingerprint + ": features must be non-empty and finite, were " + Arrays.toString(features));
        }
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryProfile p
                && fingerprint.equals(p.fingerprint)
                && executions == p.executions
                && Double.compare(meanMs, p.meanMs) == 0
                && tables.equals(p.tables)
                && Double.compare(complexity, p.complexity) == 0
                && Arrays.equals(features, p.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint, executions, meanMs, tables, complexity, Arrays.hashCode(features));
    }

    @Override
    public String toString() {
        return "QueryProfile[" + fingerprint + ", executions=" + executions + ", meanMs=" + meanMs + ", tables="
                + tables + ", complexity=" + complexity + ", features=" + Arrays.toString(features) + "]";
    }
}
