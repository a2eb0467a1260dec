package io.dwpilot.persistence.indexing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of metadata.optimization_history; nullable columns are Optionals. {@code index} is present when the row
 * names an index (schema, name and table).
 */
public record OptimizationRecord(
        long id,
        String agent,
        String recommendationType,
        List<String> fingerprints,
        Optional<String> target,
        String reason,
        OptimizationStatus status,
        boolean applied,
        OptionalDouble estimatedGain,
        OptionalDouble performanceGain,
        OptionalDouble pValue,
        String detailsJson,
        Optional<OptimizationIndexRef> index,
        Instant recommendedAt,
        Optional<Instant> appliedAt,
        Optional<Instant> verifiedAt,
        Optional<Instant> droppedAt) {
    public OptimizationRecord {
        fingerprints = List.copyOf(fingerprints);
    }
}
