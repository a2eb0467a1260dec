package io.dwpilot.persistence.access;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How users' statements reach PostgreSQL: the roles dwpilot keeps, the warehouse schemas analysts may read, where
 * the roles' generated passwords are kept, and whether users' SQL may run over the configured login instead (only
 * when set explicitly: that login is usually a superuser).
 *
 * @param credentialsFile where the roles' passwords are kept; empty: inside the embedded server's data directory,
 *                        or beside it in {@code ~/.dwpilot} for an external server
 */
public record AccessSettings(RoleNames roles, List<String> analystSchemas, Optional<Path> credentialsFile,
                             boolean allowSuperuserSessions) {

    public AccessSettings {
        analystSchemas = List.copyOf(analystSchemas);
        for (String schema : analystSchemas) {
            if (!WarehouseSchemas.LAYERS.contains(schema)) {
                throw new IllegalArgumentException("dwpilot.security.analyst-schemas: '" + schema
                        + "' is not a warehouse layer; choose among " + WarehouseSchemas.LAYERS);
            }
        }
    }

    /** The defaults: roles named dwpilot_*, analysts read gold and silver. */
    public static AccessSettings defaults() {
        return new AccessSettings(new RoleNames("dwpilot_owner", "dwpilot_agents", "dwpilot_analyst", "dwpilot_admin"),
                List.of("gold", "silver"), Optional.empty(), false);
    }

    /** Reads the {@code dwpilot.security} section. */
    public static AccessSettings fromConfig(Config config) {
        Config security = config.getConfig("dwpilot.security");
        Config roles = security.getConfig("roles");
        String file = security.getString("credentials-file").strip();
        return new AccessSettings(
                new RoleNames(roles.getString("owner"), roles.getString("agents"), roles.getString("analyst"),
                        roles.getString("admin")),
                security.getStringList("analyst-schemas"),
                file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file)),
                security.getBoolean("allow-superuser-sessions"));
    }

    public AccessSettings withCredentialsFile(Path file) {
        return new AccessSettings(roles, analystSchemas, Optional.of(file), allowSuperuserSessions);
    }

    public AccessSettings withAllowSuperuserSessions(boolean allow) {
        return new AccessSettings(roles, analystSchemas, credentialsFile, allow);
    }
}
