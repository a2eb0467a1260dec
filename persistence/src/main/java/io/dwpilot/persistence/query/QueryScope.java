package io.dwpilot.persistence.query;

import io.dwpilot.persistence.Criteria;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose logged statements a read of metadata.query_logs covers: every user's (the workload view) or one user's own.
 * It is a criterion of the read's SQL, so that other users' rows are never read in the first place.
 */
public record QueryScope(Optional<String> userId) {
    public static final QueryScope EVERYONE = new QueryScope(Optional.empty());

    public QueryScope {
        Objects.requireNonNull(userId, "userId");
    }

    public static QueryScope ownedBy(String userId) {
        return new QueryScope(Optional.of(userId));
    }

    /** {@code criteria} with {@code user_id = ?} when the scope is one user's. */
    public Criteria restrict(Criteria criteria) {
        return criteria.where(userId, "user_id = ?");
    }

    /** The user to bind to {@code (?::text IS NULL OR user_id = ?)} in SQL that is not built from criteria. */
    String userOrNull() {
        return userId.orElse(null);
    }
}
