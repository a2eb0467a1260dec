package io.dwpilot.persistence.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One index as the catalog describes it.
 *
 * @param schema        schema of the indexed table (and of the index)
 * @param table         the indexed table
 * @param name          the index
 * @param keyColumns    key columns in index order; {@code null} at the position of an expression column
 * @param includeColumns the non-key columns of an {@code INCLUDE} clause, in order (empty when none)
 * @param unique        {@code indisunique}
 * @param primary       {@code indisprimary}
 * @param valid         {@code indisvalid}: false for what a failed {@code CREATE INDEX CONCURRENTLY} left behind
 * @param sizeBytes     {@code pg_relation_size} of the index
 * @param scans         {@code pg_stat_user_indexes.idx_scan} (0 when the statistics have no row)
 * @param predicate     the WHERE clause of a partial index ({@code pg_get_expr(indpred)}), empty otherwise
 * @param definition    {@code pg_get_indexdef}: the CREATE INDEX statement
 */
public record IndexInfo(
        String schema,
        String table,
        String name,
        List<String> keyColumns,
        List<String> includeColumns,
        boolean unique,
        boolean primary,
        boolean valid,
        long sizeBytes,
        long scans,
        Optional<String> predicate,
        String definition) {

    public IndexInfo {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(name, "name");
        keyColumns = Collections.unmodifiableList(new ArrayList<>(keyColumns)); // may hold nulls (expressions)
        includeColumns = List.copyOf(includeColumns);
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(definition, "definition");
    }

    /** True when some key column is an expression (a {@code null} in {@link #keyColumns()}). */
    public boolean hasExpressions() {
        return keyColumns.contains(null);
    }

    /** True for a partial index. */
    public boolean partial() {
        return predicate.isPresent();
    }

    /** {@code schema.name} of the index. */
    public String qualifiedName() {
        return schema + "." + name;
    }
}
