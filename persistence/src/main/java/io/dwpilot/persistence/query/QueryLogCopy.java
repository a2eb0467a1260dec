package io.dwpilot.persistence.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dwpilot.persistence.copy.CopyWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Copies log rows into metadata.query_logs and the features of those that carry them into ml.feature_store, on the
 * caller's connection and in its transaction (the features reference their log row, so they follow it). COPY costs
 * PostgreSQL far less per row than INSERT; at thousands of queries a second that matters. Every row has its id.
 */
final class QueryLogCopy {
    private static final List<String> COLUMNS = List.of(
            "query_id",
            "query_text",
            "fingerprint",
            "normalized_text",
            "statement_kind",
            "user_id",
            "user_role",
            "status",
            "error_code",
            "error_message",
            "execution_time_ms",
            "queue_time_ms",
            "predicted_time_ms",
            "rows_returned",
            "truncated",
            "tables_accessed",
            "plan_choice",
            "executed_at",
            "simulated_at",
            "concurrent_queries",
            "sanitized");
    private static final List<String> FEATURE_COLUMNS =
            List.of("query_id", "fingerprint", "feature_version", "features", "label_time_ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryLogCopy() {}

    /** Fails with PostgreSQL's own SQLException (and its SQLSTATE), whatever layer of the COPY stream met it. */
    static void copy(Connection c, List<StorableEntry> rows) throws SQLException {
        try {
            copyLogs(c, rows);
            copyFeatures(c, rows);
        } catch (IOException | UncheckedIOException e) {
            throw postgresFailure(e);
        }
    }

    private static void copyLogs(Connection c, List<StorableEntry> rows) throws SQLException, IOException {
        try (CopyWriter copy = new CopyWriter(c, "metadata.query_logs", COLUMNS, List.of())) {
            for (StorableEntry row : rows) {
                QueryLogEntry e = row.entry();
                copy.write(new String[] {
                    Long.toString(e.queryId().orElseThrow()),
                    e.queryText(),
                    e.fingerprint().orElse(null),
                    e.normalizedText().orElse(null),
                    e.statementKind().orElse(null),
                    e.userId(),
                    e.userRole(),
                    e.status().label(),
                    e.errorCode().orElse(null),
                    e.errorMessage().orElse(null),
                    text(e.executionTimeMs()),
                    text(e.queueTimeMs()),
                    text(e.predictedTimeMs()),
                    e.rowsReturned().map(String::valueOf).orElse(null),
                    Boolean.toString(e.truncated()),
                    CopyWriter.textArray(e.tablesAccessed()),
                    e.planChoice().orElse(null),
                    Timestamptz.text(e.executedAt()),
                    e.simulatedAt().map(Timestamptz::text).orElse(null),
                    text(e.concurrentQueries()),
                    row.alterations().isEmpty() ? null : CopyWriter.textArray(row.alterations())
                });
            }
        }
    }

    /** The label is the measured time of a successful execution; a failed one has features but no label. */
    private static void copyFeatures(Connection c, List<StorableEntry> rows) throws SQLException, IOException {
        if (rows.stream().noneMatch(row -> row.entry().features().isPresent())) {
            return;
        }
        try (CopyWriter copy = new CopyWriter(c, "ml.feature_store", FEATURE_COLUMNS, List.of())) {
            for (StorableEntry row : rows) {
                QueryLogEntry e = row.entry();
                if (e.features().isPresent()) {
                    FeatureRow features = e.features().get();
                    copy.write(new String[] {
                        Long.toString(e.queryId().orElseThrow()),
                        e.fingerprint().orElse(null),
                        Integer.toString(features.featureVersion()),
                        json(features),
                        e.status().succeeded() ? text(e.executionTimeMs()) : null
                    });
                }
            }
        }
    }

    private static String json(FeatureRow features) {
        try {
            return JSON.writeValueAsString(features.values());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of names to numbers is always JSON", e);
        }
    }

    private static SQLException postgresFailure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return new SQLException("COPY of query log rows failed: " + e.getMessage(), e);
    }

    private static String text(Optional<Double> value) {
        return value.map(String::valueOf).orElse(null);
    }

    private static String text(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : null;
    }
}
