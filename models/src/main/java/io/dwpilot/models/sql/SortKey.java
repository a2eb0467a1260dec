package io.dwpilot.models.sql;

import java.util.Objects;

/** A column an ORDER BY item depends on, with that item's direction. */
public record SortKey(ColumnRef column, boolean ascending) {
    public SortKey {
        Objects.requireNonNull(column, "column");
    }
}
