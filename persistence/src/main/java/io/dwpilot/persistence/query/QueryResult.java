package io.dwpilot.persistence.query;

import java.time.Duration;
import java.util.List;

/**
 * What a statement returned: columns and rows for a query (at most the requested maximum, {@code truncated} when
 * there were more), or the update count for a write. {@code rowCount} is the rows returned or affected.
 */
public record QueryResult(
        List<Column> columns, List<List<Object>> rows, long rowCount, boolean truncated, Duration executionTime) {

    public record Column(String name, String type) {}
}
