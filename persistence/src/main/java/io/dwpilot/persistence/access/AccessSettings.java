package io.dwpilot.persistence.access;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How users' statements reach PostgreSQL: the roles dwpilot keeps, the schemas analysts may read and admins may
 * write (dwpilot's layers by default; any schema of the database may be listed), where the roles' generated
 * passwords are kept, and whether users' SQL may run over the configured login instead (only when set explicitly:
 * that login is usually a superuser).
 *
 * @param credentialsFile where the roles' passwords are kept; empty: inside the embedded server's data directory,
 *                        or beside it in {@code ~/.dwpilot} for an external server
 */
public record AccessSettings(
        RoleNames roles,
        List<String> analystSchemas,
        List<String> adminSchemas,
        Optional<Path> credentialsFile,
        boolean allowSuperuserSessions) {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

    public AccessSettings {
        analystSchemas = checked("analyst-schemas", analystSchemas);
        adminSchemas = checked("admin-schemas", adminSchemas);
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

    /** The defaults: roles named dwpilot_*, analysts read gold and silver, admins write every layer. */
    public static AccessSettings defaults() {
        return new AccessSettings(
                new RoleNames("dwpilot_owner", "dwpilot_agents", "dwpilot_analyst", "dwpilot_admin"),
                List.of("gold", "silver"),
                WarehouseSchemas.LAYERS,
                Optional.empty(),
                false);
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
                security.getBoolean("allow-superuser-sessions"));
    }

    public AccessSettings withCredentialsFile(Path file) {
        return new AccessSettings(roles, analystSchemas, adminSchemas, Optional.of(file), allowSuperuserSessions);
    }

    public AccessSettings withAllowSuperuserSessions(boolean allow) {
        return new AccessSettings(roles, analystSchemas, adminSchemas, credentialsFile, allow);
    }
}
