package io.dwpilot.persistence.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The grants on the schemas users work in, applied after every migration by the agents' login (a member of the
 * owner and of the admin role, so it may grant on their objects and on its own): analysts read the configured
 * schemas and nothing else; admins write theirs and read the query log and the models' tables; default privileges
 * give tables created later the same. A schema taken out of the analysts' list is revoked, so narrowing the
 * configuration takes effect at the next start. Tables other roles own in a listed schema need their owner's GRANT.
 */
public final class WarehouseGrants {
    private static final String WRITE = "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER";

    private final RoleNames roles;
    private final List<String> analystSchemas;
    private final List<String> adminSchemas;

    public WarehouseGrants(RoleNames roles, List<String> analystSchemas, List<String> adminSchemas) {
        this.roles = roles;
        this.analystSchemas = List.copyOf(analystSchemas);
        this.adminSchemas = List.copyOf(adminSchemas);
    }

    public void apply(Connection connection) throws SQLException {
        Set<String> present = existingSchemas(connection);
        try (Statement s = connection.createStatement()) {
            for (String sql : statements(present)) {
                s.execute(sql);
            }
        }
    }

    List<String> statements(Set<String> present) {
        List<String> sql = new ArrayList<>();
        for (String schema : adminSchemas) {
            if (present.contains(schema)) {
                sql.add("GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + roles.admin());
                sql.add("GRANT " + WRITE + " ON ALL TABLES IN SCHEMA " + schema + " TO " + roles.admin());
                sql.add("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + roles.admin());
                for (String creator : List.of(roles.owner(), roles.agents())) {
                    sql.add(defaults(creator, schema, "GRANT " + WRITE + " ON TABLES TO " + roles.admin()));
                    sql.add(defaults(creator, schema, "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + roles.admin()));
                }
            }
        }
        for (String schema : analystSchemas) {
            if (present.contains(schema)) {
                sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + roles.analyst());
                sql.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + roles.analyst());
                for (String creator : creators()) {
                    sql.add(defaults(creator, schema, "GRANT SELECT ON TABLES TO " + roles.analyst()));
                }
            }
        }
        for (String schema : WarehouseSchemas.READABLE_BY_ADMIN) {
            if (present.contains(schema)) {
                sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + roles.admin());
                sql.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + roles.admin());
                sql.add(defaults(roles.owner(), schema, "GRANT SELECT ON TABLES TO " + roles.admin()));
            }
        }
        Set<String> notForAnalysts = new LinkedHashSet<>(WarehouseSchemas.ALL);
        notForAnalysts.addAll(adminSchemas);
        notForAnalysts.removeAll(analystSchemas);
        for (String schema : notForAnalysts) {
            if (present.contains(schema)) {
                sql.addAll(revokeFromAnalysts(schema));
            }
        }
        return sql;
    }

    /** The roles whose new tables the grants reach: dwpilot's migrations, admins' DDL, the agents' own work. */
    private List<String> creators() {
        return List.of(roles.owner(), roles.admin(), roles.agents());
    }

    private List<String> revokeFromAnalysts(String schema) {
        List<String> sql = new ArrayList<>();
        sql.add("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + roles.analyst());
        sql.add("REVOKE ALL ON SCHEMA " + schema + " FROM " + roles.analyst());
        for (String creator : creators()) {
            sql.add(defaults(creator, schema, "REVOKE ALL ON TABLES FROM " + roles.analyst()));
        }
        return sql;
    }

    private static String defaults(String creator, String schema, String grant) {
        return "ALTER DEFAULT PRIVILEGES FOR ROLE " + creator + " IN SCHEMA " + schema + " " + grant;
    }

    private Set<String> existingSchemas(Connection connection) throws SQLException {
        Set<String> wanted = new LinkedHashSet<>(WarehouseSchemas.ALL);
        wanted.addAll(adminSchemas);
        wanted.addAll(analystSchemas);
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps =
                connection.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)")) {
            ps.setArray(1, connection.createArrayOf("text", wanted.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        return present;
    }
}
