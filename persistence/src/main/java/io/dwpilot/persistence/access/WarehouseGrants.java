package io.dwpilot.persistence.access;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grants on dwpilot's schemas, applied after every migration by the agents' login (a member of the owner, so
 * it may grant on the owner's objects): analysts read the configured layers and nothing else; admins write every
 * layer and read the query log and the models' tables; default privileges give tables created later the same.
 * A layer taken out of the analysts' list is revoked, so narrowing the configuration takes effect at the next start.
 */
public final class WarehouseGrants {
    private static final String WRITE = "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER";

    private final RoleNames roles;
    private final List<String> analystSchemas;

    public WarehouseGrants(RoleNames roles, List<String> analystSchemas) {
        this.roles = roles;
        this.analystSchemas = List.copyOf(analystSchemas);
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
        for (String schema : WarehouseSchemas.LAYERS) {
            if (!present.contains(schema)) {
                continue;
            }
            sql.add("GRANT USAGE, CREATE ON SCHEMA " + schema + " TO " + roles.admin());
            sql.add("GRANT " + WRITE + " ON ALL TABLES IN SCHEMA " + schema + " TO " + roles.admin());
            sql.add("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + roles.admin());
            sql.add(defaults(roles.owner(), schema, "GRANT " + WRITE + " ON TABLES TO " + roles.admin()));
            sql.add(defaults(roles.owner(), schema, "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + roles.admin()));
            if (analystSchemas.contains(schema)) {
                sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + roles.analyst());
                sql.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + roles.analyst());
                for (String creator : List.of(roles.owner(), roles.admin())) {
                    sql.add(defaults(creator, schema, "GRANT SELECT ON TABLES TO " + roles.analyst()));
                }
            } else {
                sql.addAll(revokeFromAnalysts(schema));
            }
        }
        for (String schema : WarehouseSchemas.READABLE_BY_ADMIN) {
            if (present.contains(schema)) {
                sql.add("GRANT USAGE ON SCHEMA " + schema + " TO " + roles.admin());
                sql.add("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + roles.admin());
                sql.add(defaults(roles.owner(), schema, "GRANT SELECT ON TABLES TO " + roles.admin()));
                sql.addAll(revokeFromAnalysts(schema));
            }
        }
        return sql;
    }

    private List<String> revokeFromAnalysts(String schema) {
        List<String> sql = new ArrayList<>();
        sql.add("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + roles.analyst());
        sql.add("REVOKE ALL ON SCHEMA " + schema + " FROM " + roles.analyst());
        for (String creator : List.of(roles.owner(), roles.admin())) {
            sql.add(defaults(creator, schema, "REVOKE ALL ON TABLES FROM " + roles.analyst()));
        }
        return sql;
    }

    private static String defaults(String creator, String schema, String grant) {
        return "ALTER DEFAULT PRIVILEGES FOR ROLE " + creator + " IN SCHEMA " + schema + " " + grant;
    }

    private static Set<String> existingSchemas(Connection connection) throws SQLException {
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT nspname FROM pg_namespace WHERE nspname = ANY (?)")) {
            ps.setArray(1, connection.createArrayOf("text", WarehouseSchemas.ALL.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        return present;
    }
}
