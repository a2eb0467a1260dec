package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which fingerprints the statistics cover: executions of the scope in [from, to), one fingerprint, or those whose
 * normalized text contains {@code text} (case-insensitive); the {@code limit} first by {@code sort}.
 */
public record StatisticsFilter(
        QueryScope scope,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> fingerprint,
        Optional<String> text,
        StatisticsSort sort,
        int limit) {
    public static final int MAX_LIMIT = 1000;

    public StatisticsFilter {
        Objects.requireNonNull(scope, "scope");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }
}
