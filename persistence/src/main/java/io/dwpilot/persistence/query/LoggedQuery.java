package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One row of metadata.query_logs as the API shows it. */
public record LoggedQuery(
        long queryId,
        String queryText,
        Optional<String> fingerprint,
        Optional<String> normalizedText,
        Optional<String> statementKind,
        String userId,
        String userRole,
        ExecutionStatus status,
        Optional<String> errorCode,
        Optional<String> errorMessage,
        Optional<Double> executionTimeMs,
        Optional<Double> queueTimeMs,
        Optional<Double> predictedTimeMs,
        Optional<Long> rowsReturned,
        boolean truncated,
        List<String> tablesAccessed,
        Instant executedAt,
        Optional<Instant> simulatedAt) {}
