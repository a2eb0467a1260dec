package io.dwpilot.models.index;

import java.util.List;
import java.util.Objects;

/**
 * An index the database already has. {@code table} is named as {@link io.dwpilot.models.sql.SqlAnalyzer} names it
 * (schema-qualified exactly when the queries qualify it), so that it can be matched with the queries' tables.
 */
public record ExistingIndex(String table, List<String> columns) {
    public ExistingIndex {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }

    /** True when this index's leading columns are {@code keyColumns}: a B-tree serves any prefix of its keys. */
    public boolean serves(String candidateTable, List<String> keyColumns) {
        return table.equals(candidateTable)
                && keyColumns.size() <= columns.size()
                && columns.subList(0, keyColumns.size()).equals(keyColumns);
    }
}
