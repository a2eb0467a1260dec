package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One execution as it lands in metadata.query_logs; the id was handed out beforehand (see {@link QueryIds}).
 *
 * @param concurrentQueries statements running at once when this one started, as the gateway counted them
 * @param features          what the time was predicted from, stored in ml.feature_store with the same query id
 */
public record QueryLogEntry(
        long queryId,
        String queryText,
        Optional<String> fingerprint,
        Optional<String> normalizedText,
        Optional<String> statementKind,
        String userId,
        String userRole,
        String status,
        Optional<String> errorCode,
        Optional<String> errorMessage,
        Optional<Double> executionTimeMs,
        Optional<Double> queueTimeMs,
        Optional<Double> predictedTimeMs,
        Optional<Long> rowsReturned,
        boolean truncated,
        List<String> tablesAccessed,
        Optional<String> planChoice,
        Instant executedAt,
        Optional<Instant> simulatedAt,
        OptionalInt concurrentQueries,
        Optional<FeatureRow> features) {
}
