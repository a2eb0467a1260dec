package io.dwpilot.models.sql;

import java.util.Objects;

/**
 * A column as a query uses it. {@code table} is the base table it belongs to, named as in FROM (aliases resolved),
 * or null when the text does not tell: an unqualified column in a query block with several FROM items, or a column
 * of a derived table or CTE. An unqualified column in a block with one FROM item is taken to be that item's, even in
 * a correlated subquery where it may be an outer column. {@code column} is {@code *} for a star.
 */
public record ColumnRef(String table, String column) {
    public ColumnRef {
        Objects.requireNonNull(column, "column");
    }
}
