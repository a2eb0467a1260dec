package io.dwpilot.persistence.whatif;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An index that may not exist, described well enough to build it.
 *
 * @param schema         the table's schema
 * @param table          the table
 * @param keys           one or more key columns, in index order
 * @param includeColumns non-key columns stored in the index (INCLUDE), for index-only scans
 * @param predicate      the WHERE of a partial index, as SQL text
 */
public record HypotheticalIndex(
        String schema, String table, List<Key> keys, List<String> includeColumns, Optional<String> predicate) {

    // PostgreSQL folds unquoted names to lower case, so any other name must be quoted to mean itself.
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    /** One key column; descending only where an ORDER BY asks for it. */
    public record Key(String column, boolean descending) {
        public Key {
            requireName(column, "column");
        }

        public static Key asc(String column) {
            return new Key(column, false);
        }

        public static Key desc(String column) {
            return new Key(column, true);
        }
    }

    public HypotheticalIndex {
        requireName(schema, "schema");
        requireName(table, "table");
        keys = List.copyOf(keys);
        includeColumns = List.copyOf(includeColumns);
        includeColumns.forEach(column -> requireName(column, "include column"));
        Objects.requireNonNull(predicate, "predicate");
        predicate.ifPresent(where -> {
            if (where.isBlank()) {
                throw new IllegalArgumentException("a partial index predicate must not be blank");
            }
        });
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("an index has at least one key column");
        }
    }

    /** A plain B-tree on ascending key columns of {@code schema.table}. */
    public static HypotheticalIndex on(String schema, String table, String... keyColumns) {
        return new HypotheticalIndex(
                schema, table, Arrays.stream(keyColumns).map(Key::asc).toList(), List.of(), Optional.empty());
    }

    /** This index with these INCLUDE columns instead of its own. */
    public HypotheticalIndex including(String... columns) {
        return new HypotheticalIndex(schema, table, keys, List.of(columns), predicate);
    }

    /** This index made partial on {@code where} (SQL text). */
    public HypotheticalIndex where(String where) {
        return new HypotheticalIndex(schema, table, keys, includeColumns, Optional.of(where));
    }

    /** The quoted, schema-qualified table name. */
    public String qualifiedTable() {
        return quote(schema) + '.' + quote(table);
    }

    /** {@code CREATE INDEX ON schema.table (keys) [INCLUDE (...)] [WHERE ...]}: no name, not concurrent. */
    public String createSql() {
        return create("CREATE INDEX ON ");
    }

    /** The same statement with an index name, for a build that must be found again. */
    String createSql(String indexName) {
        return create("CREATE INDEX " + quote(indexName) + " ON ");
    }

    private String create(String head) {
        StringBuilder sql = new StringBuilder(head)
                .append(qualifiedTable())
                .append(" (")
                .append(keys.stream()
                        .map(key -> quote(key.column()) + (key.descending() ? " DESC" : ""))
                        .collect(Collectors.joining(", ")))
                .append(')');
        if (!includeColumns.isEmpty()) {
            sql.append(" INCLUDE (")
                    .append(includeColumns.stream()
                            .map(HypotheticalIndex::quote)
                            .collect(Collectors.joining(", ")))
                    .append(')');
        }
        predicate.ifPresent(where -> sql.append(" WHERE ").append(where));
        return sql.toString();
    }

    static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches()
                ? identifier
                : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
