package io.dwpilot.agents.indexer;

import java.util.Objects;

/**
 * A table as the catalog knows it, from the name a query gives it: {@code schema.table}, or a bare {@code table} in
 * the default schema.
 */
public record TableName(String schema, String table) {
    public static final String DEFAULT_SCHEMA = "public";

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** The table named {@code name} ({@code schema.table} or {@code table}) in a query. */
    public static TableName parse(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return new TableName(DEFAULT_SCHEMA, name);
        }
        if (dot == 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("not a table name: " + name);
        }
        return new TableName(name.substring(0, dot), name.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema + '.' + table;
    }
}
