package io.dwpilot.persistence.observations;

import java.time.Instant;
import java.util.Optional;

/** One row of metadata.anomalies; nullable columns are Optionals. */
public record AnomalyRecord(
        long id,
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
        boolean acknowledged,
        Optional<String> acknowledgedBy,
        Optional<Instant> acknowledgedAt,
        Optional<Instant> simulatedAt) {}
