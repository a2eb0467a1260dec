package io.dwpilot.persistence.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who dwpilot's sessions log in as: the agents' login for its own work (ETL, logging, index DDL, the journal), a
 * login per {@link DatabaseRole} for users' statements, and the role that owns the schemas (migrations run as it).
 * Without kept roles (see {@code allow-superuser-sessions}) every session uses the one configured login.
 */
public record Logins(Login system, Map<DatabaseRole, Login> users, Optional<String> schemaOwner) {
    public Logins {
        users = Map.copyOf(users);
        for (DatabaseRole role : DatabaseRole.values()) {
            if (!users.containsKey(role)) {
                throw new IllegalArgumentException("no login for role " + role.label());
            }
        }
    }

    /** Every session over one login (kept roles switched off). */
    public static Logins single(Login login) {
        Map<DatabaseRole, Login> users = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            users.put(role, login);
        }
        return new Logins(login, users, Optional.empty());
    }

    public Login user(DatabaseRole role) {
        return users.get(role);
    }

    /** True when users' statements run over their own roles rather than the configured login. */
    public boolean rolesKept() {
        return schemaOwner.isPresent();
    }
}
