package io.dwpilot.persistence.access;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The PostgreSQL roles dwpilot creates and logs in as: the owner of its schemas (no login), the agents' login (a
 * member of the owner: index DDL, ETL, logging), and one login per {@link DatabaseRole} for users' statements.
 */
public record RoleNames(String owner, String agents, String analyst, String admin) {
    // Plain lower-case names: they appear unquoted in grants printed for a DBA and need no escaping anywhere.
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public RoleNames {
        for (String name : List.of(owner, agents, analyst, admin)) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("dwpilot.security.roles: '" + name + "' is not a plain role name"
                        + " (lower-case letters, digits and _, at most 63 characters, not starting with a digit)");
            }
        }
        if (List.of(owner, agents, analyst, admin).stream().distinct().count() < 4) {
            throw new IllegalArgumentException("dwpilot.security.roles: the four roles need four different names");
        }
    }

    /** The roles that log in, with passwords: the agents' and the users'. */
    public List<String> logins() {
        return List.of(agents, analyst, admin);
    }

    public String of(DatabaseRole role) {
        return switch (role) {
            case ANALYST -> analyst;
            case ADMIN -> admin;
        };
    }
}
