package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A log entry as PostgreSQL can store it, and what had to change for that: one note per field, written to the row's
 * {@code sanitized} column, so that an altered row says so.
 * <ul>
 *   <li>text: NUL characters and unpaired surrogates become U+FFFD ({@link StorableText});</li>
 *   <li>instants: one outside timestamptz's range ({@link Timestamptz}) is stored as NULL; executed_at must have a
 *       value, and the time of writing stands in for it;</li>
 *   <li>times: float8 would take NaN and ±Infinity, but every average and percentile over the log would then be NaN
 *       or Infinity too: they are stored as NULL.</li>
 * </ul>
 * Feature values are finite by construction ({@link FeatureRow}) and feature names come from code, not callers.
 */
record StorableEntry(QueryLogEntry entry, List<String> alterations) {
    StorableEntry {
        alterations = List.copyOf(alterations);
    }

    static StorableEntry of(QueryLogEntry raw, Instant now) {
        Alterations notes = new Alterations();
        QueryLogEntry storable = raw.toBuilder()
                .queryText(notes.text("query_text", raw.queryText()))
                .fingerprint(notes.text("fingerprint", raw.fingerprint()))
                .normalizedText(notes.text("normalized_text", raw.normalizedText()))
                .statementKind(notes.text("statement_kind", raw.statementKind()))
                .userId(notes.text("user_id", raw.userId()))
                .userRole(notes.text("user_role", raw.userRole()))
                .errorCode(notes.text("error_code", raw.errorCode()))
                .errorMessage(notes.text("error_message", raw.errorMessage()))
                .executionTimeMs(notes.time("execution_time_ms", raw.executionTimeMs()))
                .queueTimeMs(notes.time("queue_time_ms", raw.queueTimeMs()))
                .predictedTimeMs(notes.time("predicted_time_ms", raw.predictedTimeMs()))
                .tablesAccessed(notes.texts("tables_accessed", raw.tablesAccessed()))
                .planChoice(notes.text("plan_choice", raw.planChoice()))
                .executedAt(notes.instant("executed_at", raw.executedAt(), now))
                .simulatedAt(notes.instant("simulated_at", raw.simulatedAt()))
                .build();
        return new StorableEntry(storable, notes.list);
    }

    StorableEntry withQueryId(long id) {
        return new StorableEntry(entry.withQueryId(id), alterations);
    }

    /** Makes each field storable and notes what that changed. */
    private static final class Alterations {
        private final List<String> list = new ArrayList<>();

        String text(String field, String value) {
            StorableText storable = StorableText.of(value);
            if (storable.changed()) {
                list.add(field + ": " + StorableText.describe(storable.nulCharacters(), storable.unpairedSurrogates()));
            }
            return storable.text();
        }

        Optional<String> text(String field, Optional<String> value) {
            return value.map(v -> text(field, v));
        }

        List<String> texts(String field, List<String> values) {
            List<StorableText> storable = values.stream().map(StorableText::of).toList();
            int nuls = storable.stream().mapToInt(StorableText::nulCharacters).sum();
            int surrogates =
                    storable.stream().mapToInt(StorableText::unpairedSurrogates).sum();
            if (nuls + surrogates > 0) {
                list.add(field + ": " + StorableText.describe(nuls, surrogates));
            }
            return storable.stream().map(StorableText::text).toList();
        }

        Optional<Double> time(String field, Optional<Double> value) {
            if (value.isPresent() && !Double.isFinite(value.get())) {
                list.add(field + ": " + value.get() + " stored as NULL");
                return Optional.empty();
            }
            return value;
        }

        Optional<Instant> instant(String field, Optional<Instant> value) {
            if (value.isPresent() && !Timestamptz.holds(value.get())) {
                list.add(outOfRange(field, value.get()));
                return Optional.empty();
            }
            return value;
        }

        Instant instant(String field, Instant value, Instant now) {
            if (Timestamptz.holds(value)) {
                return value;
            }
            list.add(outOfRange(field, value) + "; the time of writing stored instead");
            return now;
        }

        private static String outOfRange(String field, Instant value) {
            return field + ": " + value + " is outside PostgreSQL's range";
        }
    }
}
