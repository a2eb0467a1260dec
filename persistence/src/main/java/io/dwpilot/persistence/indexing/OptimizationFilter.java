package io.dwpilot.persistence.indexing;

import java.util.Optional;
import java.util.Set;

/**
 * Which optimizations to list: of an agent and a recommendation type, in any of the statuses (empty means all), about
 * a fingerprint (one of the row's fingerprints); {@code limit} rows after skipping {@code offset}.
 */
public record OptimizationFilter(
        Optional<String> agent,
        Optional<String> recommendationType,
        Set<OptimizationStatus> statuses,
        Optional<String> fingerprint,
        int limit,
        int offset) {
    public static final int MAX_LIMIT = 1000;

    public OptimizationFilter {
        agent = agent == null ? Optional.empty() : agent;
        recommendationType = recommendationType == null ? Optional.empty() : recommendationType;
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        fingerprint = fingerprint == null ? Optional.empty() : fingerprint;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
    }

    /** Every agent, type and status: the newest {@value #MAX_LIMIT}. */
    public static OptimizationFilter all() {
        return new OptimizationFilter(Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), MAX_LIMIT, 0);
    }
}
