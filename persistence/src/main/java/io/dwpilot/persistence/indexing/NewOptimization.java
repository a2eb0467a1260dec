package io.dwpilot.persistence.indexing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An optimization as an agent records it; the id, measured gain and later timestamps are the repository's business.
 *
 * @param detailsJson a JSON object; null means {@code {}}
 */
public record NewOptimization(
        String agent,
        String recommendationType,
        List<String> fingerprints,
        Optional<String> target,
        String reason,
        OptimizationStatus status,
        Optional<OptimizationIndexRef> index,
        OptionalDouble estimatedGain,
        String detailsJson,
        Instant recommendedAt) {
    public NewOptimization {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(recommendationType, "recommendationType");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recommendedAt, "recommendedAt");
        fingerprints = fingerprints == null ? List.of() : List.copyOf(fingerprints);
        target = target == null ? Optional.empty() : target;
        index = index == null ? Optional.empty() : index;
        estimatedGain = estimatedGain == null ? OptionalDouble.empty() : estimatedGain;
        detailsJson = detailsJson == null ? "{}" : detailsJson;
    }
}
