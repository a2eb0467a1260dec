package io.dwpilot.persistence.indexing;

import java.util.Objects;

/** The index an optimization built (or would build): where it lives, what it indexes and how big it is. */
public record OptimizationIndexRef(String schema, String name, String table, long sizeBytes) {
    public OptimizationIndexRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
        }
    }
}
