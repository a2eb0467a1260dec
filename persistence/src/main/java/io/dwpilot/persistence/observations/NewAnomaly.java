package io.dwpilot.persistence.observations;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What a detector reports; the id and the acknowledgement are the repository's business. */
public record NewAnomaly(
        Instant detectedAt,
        String kind,
        String severity,
        Optional<String> fingerprint,
        Optional<Long> queryId,
        Optional<String> metric,
        Optional<Double> observedValue,
        Optional<Double> expectedValue,
        Optional<Double> score,
        String detector,
        String description,
        Optional<Instant> simulatedAt) {
    /** The severities the table accepts. */
    public static final Set<String> SEVERITIES = Set.of("low", "medium", "high");

    public NewAnomaly {
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(description, "description");
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity must be low, medium or high, got " + severity);
        }
        fingerprint = fingerprint == null ? Optional.empty() : fingerprint;
        queryId = queryId == null ? Optional.empty() : queryId;
        metric = metric == null ? Optional.empty() : metric;
        observedValue = observedValue == null ? Optional.empty() : observedValue;
        expectedValue = expectedValue == null ? Optional.empty() : expectedValue;
        score = score == null ? Optional.empty() : score;
        simulatedAt = simulatedAt == null ? Optional.empty() : simulatedAt;
    }
}
