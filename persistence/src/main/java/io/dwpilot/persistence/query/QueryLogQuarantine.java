package io.dwpilot.persistence.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * metadata.query_log_quarantine: where a log row goes that PostgreSQL refused on its own, with PostgreSQL's reason,
 * so that it is kept and an operator can see why. Writing there must not fail on what the entry holds: its text is
 * already storable (jsonb rejects NUL too, even escaped), and should the database's encoding still be unable to hold a
 * character (a LATIN1 database, say), the row is written again with every non-ASCII character spelled as \\uXXXX.
 */
final class QueryLogQuarantine {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryLogQuarantine() {}

    /**
     * Quarantines {@code row} in the caller's transaction.
     *
     * @throws SQLException when not even its escaped form could be stored: that is no longer the row's content but a
     *                      database that takes no writes now (unreachable, read-only, out of room)
     */
    static void put(Connection c, StorableEntry row, Exception refusal) throws SQLException {
        String reason = StorableText.of(DatabaseFailures.reason(refusal)).text();
        Optional<String> sqlState = DatabaseFailures.sqlState(refusal);
        ObjectNode entry = json(row);
        try {
            insert(c, row, reason, sqlState, entry);
        } catch (SQLException notStorable) {
            if (DatabaseFailures.unavailable(notStorable)) {
                throw notStorable;
            }
            ObjectNode escaped = (ObjectNode) asciiOnly(entry);
            escaped.put(
                    "escaped",
                    "non-ASCII characters written as \\uXXXX: " + ascii(DatabaseFailures.reason(notStorable)));
            insert(c, row, ascii(reason), sqlState, escaped);
        }
    }

    /** In a savepoint of its own, so that a refusal leaves the caller's transaction usable. */
    private static void insert(
            Connection c, StorableEntry row, String reason, Optional<String> sqlState, ObjectNode entry)
            throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO metadata.query_log_quarantine"
                + " (query_id, reason, sqlstate, entry) VALUES (?, ?, ?, ?::jsonb)")) {
            if (row.entry().queryId().isPresent()) {
                s.setLong(1, row.entry().queryId().getAsLong());
            } else {
                s.setNull(1, Types.BIGINT);
            }
            s.setString(2, reason);
            s.setString(3, sqlState.orElse(null));
            s.setString(4, entry.toString());
            s.executeUpdate();
        } catch (SQLException e) {
            c.rollback(savepoint);
            throw e;
        }
        c.releaseSavepoint(savepoint);
    }

    /** Every field under its query_logs column name, the features and the notes of what was made storable. */
    private static ObjectNode json(StorableEntry row) {
        QueryLogEntry e = row.entry();
        ObjectNode node = NODES.objectNode();
        e.queryId().ifPresent(id -> node.put("query_id", id));
        node.put("query_text", e.queryText());
        e.fingerprint().ifPresent(v -> node.put("fingerprint", v));
        e.normalizedText().ifPresent(v -> node.put("normalized_text", v));
        e.statementKind().ifPresent(v -> node.put("statement_kind", v));
        node.put("user_id", e.userId());
        node.put("user_role", e.userRole());
        node.put("status", e.status().label());
        e.errorCode().ifPresent(v -> node.put("error_code", v));
        e.errorMessage().ifPresent(v -> node.put("error_message", v));
        e.executionTimeMs().ifPresent(v -> node.put("execution_time_ms", v));
        e.queueTimeMs().ifPresent(v -> node.put("queue_time_ms", v));
        e.predictedTimeMs().ifPresent(v -> node.put("predicted_time_ms", v));
        e.rowsReturned().ifPresent(v -> node.put("rows_returned", v));
        node.put("truncated", e.truncated());
        e.tablesAccessed().forEach(node.putArray("tables_accessed")::add);
        e.planChoice().ifPresent(v -> node.put("plan_choice", v));
        node.put("executed_at", e.executedAt().toString());
        e.simulatedAt().ifPresent(v -> node.put("simulated_at", v.toString()));
        e.concurrentQueries().ifPresent(v -> node.put("concurrent_queries", v));
        e.features().ifPresent(f -> {
            ObjectNode features = node.putObject("features");
            features.put("feature_version", f.featureVersion());
            ObjectNode values = features.putObject("values");
            f.values().forEach(values::put);
        });
        if (!row.alterations().isEmpty()) {
            row.alterations().forEach(node.putArray("sanitized")::add);
        }
        return node;
    }

    private static JsonNode asciiOnly(JsonNode node) {
        if (node.isTextual()) {
            return NODES.textNode(ascii(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(element -> out.add(asciiOnly(element)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(ascii(field.getKey()), asciiOnly(field.getValue()));
            }
            return out;
        }
        return node;
    }

    /** Every encoding PostgreSQL runs a database in holds ASCII; NUL is spelled out too. */
    private static String ascii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0 && c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
