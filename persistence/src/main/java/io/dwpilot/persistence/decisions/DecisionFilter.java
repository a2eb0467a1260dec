package io.dwpilot.persistence.decisions;

import java.time.Instant;
import java.util.Optional;

/** Which decisions to list: by agent, kind, channel and decision time ({@code from} inclusive, {@code to} exclusive). */
public record DecisionFilter(
        Optional<String> agent,
        Optional<String> kind,
        Optional<String> channel,
        Optional<Instant> from,
        Optional<Instant> to,
        int page,
        int size) {
    public static final int MAX_PAGE_SIZE = 500;

    public DecisionFilter {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be >= 0 and size 1.." + MAX_PAGE_SIZE);
        }
    }

    /** Every decision, first page of {@code size}. */
    public static DecisionFilter all(int size) {
        return new DecisionFilter(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, size);
    }
}
