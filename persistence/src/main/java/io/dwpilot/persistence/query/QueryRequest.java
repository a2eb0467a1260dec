package io.dwpilot.persistence.query;

import java.time.Duration;

/**
 * One statement to run on the query pool. A read-only request runs in a read-only transaction, so PostgreSQL itself
 * refuses writes; {@code maxRows} caps what is fetched and {@code timeout} becomes the statement_timeout.
 */
public record QueryRequest(String sql, boolean readOnly, Duration timeout, int maxRows) {

    public QueryRequest {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("sql is empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows cannot be negative, got " + maxRows);
        }
    }
}
