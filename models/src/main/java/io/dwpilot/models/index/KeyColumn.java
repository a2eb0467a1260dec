package io.dwpilot.models.index;

import java.util.Objects;

/** One key column of an index, descending only where a query's ORDER BY asks for it. */
public record KeyColumn(String name, boolean descending) {
    public KeyColumn {
        Objects.requireNonNull(name, "name");
    }

    public static KeyColumn ascending(String name) {
        return new KeyColumn(name, false);
    }
}
