package io.dwpilot.persistence.observations;

import java.time.Instant;
import java.util.Optional;

/** Which anomalies to list: detected in [from, to), of a kind and severity, acknowledged or not; one page of them. */
public record AnomalyFilter(
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> kind,
        Optional<String> severity,
        Optional<Boolean> acknowledged,
        int page,
        int size) {
    public static final int MAX_PAGE_SIZE = 500;

    public AnomalyFilter {
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        kind = kind == null ? Optional.empty() : kind;
        severity = severity == null ? Optional.empty() : severity;
        acknowledged = acknowledged == null ? Optional.empty() : acknowledged;
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_PAGE_SIZE + ", got " + size);
        }
    }

    /** Everything, first page of 50. */
    public static AnomalyFilter all() {
        return new AnomalyFilter(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 50);
    }
}
