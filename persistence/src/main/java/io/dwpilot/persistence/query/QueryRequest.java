package io.dwpilot.persistence.query;

import io.dwpilot.persistence.access.DatabaseRole;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * One statement to run in a user session of {@code role}: an analyst's in a read-only transaction (its role has no
 * write privilege anyway: this makes the refusal immediate and clear); {@code maxRows} caps what is fetched and
 * {@code timeout} becomes the statement_timeout; {@code workMemMb}, when present, is the statement's work_mem
 * (SET LOCAL: it ends with the statement's transaction).
 */
public record QueryRequest(String sql, DatabaseRole role, Duration timeout, int maxRows, OptionalInt workMemMb) {

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
        if (workMemMb.isPresent() && workMemMb.getAsInt() < 1) {
            throw new IllegalArgumentException("workMemMb must be at least 1, got " + workMemMb.getAsInt());
        }
    }

    /** A request that runs with the session's work_mem. */
    public QueryRequest(String sql, DatabaseRole role, Duration timeout, int maxRows) {
        this(sql, role, timeout, maxRows, OptionalInt.empty());
    }

    boolean readOnly() {
        return role == DatabaseRole.ANALYST;
    }
}
