package io.dwpilot.persistence.access;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How users' statements reach PostgreSQL: the roles dwpilot keeps, the schemas analysts may read and admins may
 * write (dwpilot's layers by default; any schema of the database may be listed), where the roles' generated
 * passwords are kept, and whether users' SQL may run over the configured login instead (only when set explicitly:
 * that login is usually a superuser), and what one session of each users' role may take from the server.
 *
 * @param credentialsFile where the roles' passwords are kept; empty: inside the embedded server's data directory,
 *                        or beside it in {@code ~/.dwpilot} for an external server
 */
public record AccessSettings(
        RoleNames roles,
        List<String> analystSchemas,
        List<String> adminSchemas,
        Optional<Path> credentialsFile,
        boolean allowSuperuserSessions,
        Map<DatabaseRole, RoleLimits> limits) {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    public AccessSettings {
        analystSchemas = checked("analyst-schemas", analystSchemas);
        adminSchemas = checked("admin-schemas", adminSchemas);
        limits = Map.copyOf(limits);
        for (DatabaseRole role : DatabaseRole.values()) {
            if (!limits.containsKey(role)) {
                throw new IllegalArgumentException("dwpilot.security.limits: no limits for role " + role.label());
            }
        }
    }

    public RoleLimits limitsOf(DatabaseRole role) {
        return limits.get(role);
    }

    private static List<String> checked(String key, List<String> schemas) {
        for (String schema : schemas) {
            if (!SCHEMA.matcher(schema).matches()) {
                throw new IllegalArgumentException("dwpilot.security." + key + ": '" + schema + "' is not a plain"
                        + " schema name (lower-case letters, digits, _ and $)");
            }
            if (WarehouseSchemas.INTERNAL.contains(schema)) {
                throw new IllegalArgumentException("dwpilot.security." + key + ": '" + schema + "' is dwpilot's own"
                        + " (" + String.join(", ", WarehouseSchemas.INTERNAL) + " hold the audit trail, the journal"
                        + " and the models): no user role may have it");
            }
        }
        return List.copyOf(schemas);
    }

    /** The defaults of persistence's reference.conf. */
    public static AccessSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    /** Reads the {@code dwpilot.security} section. */
    public static AccessSettings fromConfig(Config config) {
        Config security = config.getConfig("dwpilot.security");
        Config roles = security.getConfig("roles");
        String file = security.getString("credentials-file").strip();
        return new AccessSettings(
                new RoleNames(
                        roles.getString("owner"),
                        roles.getString("agents"),
                        roles.getString("analyst"),
                        roles.getString("admin")),
                security.getStringList("analyst-schemas"),
                security.getStringList("admin-schemas"),
                file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file)),
                security.getBoolean("allow-superuser-sessions"),
                limits(security.getConfig("limits")));
    }

    private static Map<DatabaseRole, RoleLimits> limits(Config limits) {
        Map<DatabaseRole, RoleLimits> byRole = new EnumMap<>(DatabaseRole.class);
        for (DatabaseRole role : DatabaseRole.values()) {
            byRole.put(role, RoleLimits.fromConfig(limits.getConfig(role.label())));
        }
        return byRole;
    }

    public AccessSettings withCredentialsFile(Path file) {
        return new AccessSettings(
                roles, analystSchemas, adminSchemas, Optional.of(file), allowSuperuserSessions, limits);
    }

    public AccessSettings withAllowSuperuserSessions(boolean allow) {
        return new AccessSettings(roles, analystSchemas, adminSchemas, credentialsFile, allow, limits);
    }

    public AccessSettings withRoles(RoleNames newRoles) {
        return new AccessSettings(
                newRoles, analystSchemas, adminSchemas, credentialsFile, allowSuperuserSessions, limits);
    }

    public AccessSettings withLimits(DatabaseRole role, RoleLimits roleLimits) {
        Map<DatabaseRole, RoleLimits> changed = new EnumMap<>(limits);
        changed.put(role, roleLimits);
        return new AccessSettings(
                roles, analystSchemas, adminSchemas, credentialsFile, allowSuperuserSessions, changed);
    }
}
