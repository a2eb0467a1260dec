package io.dwpilot.persistence.ml;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One row of ml.training_runs; the counts, message and finish time are empty while the run is running. */
public record TrainingRun(
        long runId,
        String modelName,
        String trigger,
        String status,
        OptionalLong trainRows,
        OptionalLong validationRows,
        OptionalLong testRows,
        String metricsJson,
        Optional<String> message,
        Instant startedAt,
        Optional<Instant> finishedAt) {}
