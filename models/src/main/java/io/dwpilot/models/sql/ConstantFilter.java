package io.dwpilot.models.sql;

import java.util.Objects;

/**
 * A WHERE conjunct that compares a column with a constant, {@code channel = 'store'} or {@code deleted_at IS NULL}:
 * every row the query block reads satisfies it, so an index holding only such rows (a partial index) can serve it.
 *
 * @param column    the column, its table resolved as for {@link Predicate}
 * @param condition the conjunct as SQL on the bare column name, usable as a partial index's WHERE
 */
public record ConstantFilter(ColumnRef column, String condition) {
    public ConstantFilter {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(condition, "condition");
    }
}
