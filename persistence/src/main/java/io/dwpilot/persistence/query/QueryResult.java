package io.dwpilot.persistence.query;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a statement returned: columns and rows for a query (within the request's row and byte caps; {@code truncation}
 * says which cap cut it when there was more), or the update count for a write. {@code rowCount} is the rows returned
 * or affected.
 */
public record QueryResult(
        List<Column> columns,
        List<List<Object>> rows,
        long rowCount,
        Optional<Truncation> truncation,
        Duration executionTime) {

    public record Column(String name, String type) {}

    /** Why a result holds fewer rows than the statement produced. */
    public enum Truncation {
        /** The request's row cap. */
        ROWS,
        /** The result byte cap: the next row would have taken the result beyond it. */
        BYTES;

        public String label() {
            return name().toLowerCase();
        }
    }

    public boolean truncated() {
        return truncation.isPresent();
    }
}
