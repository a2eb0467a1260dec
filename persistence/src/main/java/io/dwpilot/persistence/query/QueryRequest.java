package io.dwpilot.persistence.query;

import io.dwpilot.persistence.access.DatabaseRole;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * One statement to run in a user session of {@code role}: an analyst's in a read-only transaction (its role has no
 * write privilege anyway: this makes the refusal immediate and clear); {@code maxRows} caps what is fetched and
 * {@code timeout} becomes the statement_timeout; {@code maxBytes} caps the size of the rows returned, as
 * {@link ResultBytes} counts it; {@code workMemMb}, when present, is the statement's work_mem (SET LOCAL: it ends
 * with the statement's transaction).
 */
public record QueryRequest(
        String sql, DatabaseRole role, Duration timeout, int maxRows, long maxBytes, OptionalInt workMemMb) {

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
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes cannot be negative, got " + maxBytes);
        }
        if (workMemMb.isPresent() && workMemMb.getAsInt() < 1) {
            throw new IllegalArgumentException("workMemMb must be at least 1, got " + workMemMb.getAsInt());
        }
    }

    /** A request that runs with the session's work_mem and no byte cap (a few rows, or a plan). */
    public QueryRequest(String sql, DatabaseRole role, Duration timeout, int maxRows) {
        this(sql, role, timeout, maxRows, Long.MAX_VALUE, OptionalInt.empty());
    }

    public QueryRequest withMaxBytes(long newMaxBytes) {
        return new QueryRequest(sql, role, timeout, maxRows, newMaxBytes, workMemMb);
    }

    public QueryRequest withWorkMemMb(OptionalInt newWorkMemMb) {
        return new QueryRequest(sql, role, timeout, maxRows, maxBytes, newWorkMemMb);
    }

    boolean readOnly() {
        return role == DatabaseRole.ANALYST;
    }
}
