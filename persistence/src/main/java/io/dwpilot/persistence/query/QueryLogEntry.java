package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One execution as it lands in metadata.query_logs. The id is handed out beforehand (see {@link QueryIds}) so that the
 * caller can look the execution up at once; when none could be had (the database unreachable and the ids taken ahead
 * used up) the writer takes one from the sequence when it writes the row.
 *
 * @param concurrentQueries statements running at once when this one started, as the gateway counted them
 * @param features          what the time was predicted from, stored in ml.feature_store with the same query id
 */
public record QueryLogEntry(
        OptionalLong queryId,
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

    QueryLogEntry withQueryId(long id) {
        return new QueryLogEntry(OptionalLong.of(id), queryText, fingerprint, normalizedText, statementKind, userId,
                userRole, status, errorCode, errorMessage, executionTimeMs, queueTimeMs, predictedTimeMs, rowsReturned,
                truncated, tablesAccessed, planChoice, executedAt, simulatedAt, concurrentQueries, features);
    }
}
