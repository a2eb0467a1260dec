package io.dwpilot.gateway;

import com.fasterxml.jackson.annotation.JsonIncludeProperties;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.query.QueryScope;

/**
 * Who sends a request and what it may see and do beyond its role: whether it views the whole workload (every user's
 * statements; which roles do is configured) and whether it may stamp statements with the simulator's clock. The live
 * feed shows other people only a caller's user and role.
 */
@JsonIncludeProperties({"userId", "role"})
public record Caller(String userId, Role role, boolean mayViewWorkload, boolean maySetSimulatedTime) {
    /** A caller with its role's defaults: operators and admins view the workload, the simulator sets the time. */
    public Caller(String userId, Role role) {
        this(userId, role, role == Role.OPERATOR || role == Role.ADMIN, role == Role.SIMULATOR);
    }

    /** The PostgreSQL role its statements run under. */
    public DatabaseRole databaseRole() {
        return role.databaseRole();
    }

    /** Whose logged statements it sees: everyone's with the workload view, else only its own. */
    public QueryScope queryScope() {
        return mayViewWorkload ? QueryScope.EVERYONE : QueryScope.ownedBy(userId);
    }

    /** Whether it may use the admin-only API (apply indexes, train and activate models, ...). */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
