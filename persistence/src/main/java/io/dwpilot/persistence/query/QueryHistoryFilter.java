package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Whose and which logged executions to list, and in what order; every criterion but the scope is optional. */
public record QueryHistoryFilter(
        QueryScope scope,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> text,
        Optional<String> status,
        Optional<String> table,
        Optional<Double> minDurationMs,
        Optional<Double> maxDurationMs,
        Optional<String> fingerprint,
        Optional<String> user,
        String sort,
        boolean descending,
        int page,
        int size) {

    /** Columns a history can be sorted by. */
    public static final Set<String> SORTABLE = Set.of("executed_at", "execution_time_ms", "rows_returned", "query_id");

    public static final int MAX_PAGE_SIZE = 500;

    public QueryHistoryFilter {
        Objects.requireNonNull(scope, "scope");
        if (!SORTABLE.contains(sort)) {
            throw new IllegalArgumentException("sort must be one of " + SORTABLE + ", got " + sort);
        }
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_PAGE_SIZE + ", got " + size);
        }
    }
}
