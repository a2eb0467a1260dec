package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the optional extensions the agents use when the server offers them: pg_stat_statements (workload
 * statistics) and hypopg (hypothetical indexes). Missing ones are reported, not fatal: the agents have fallbacks.
 * This is for a database without kept roles; with them, {@link io.dwpilot.persistence.access.RoleSetup} installs
 * the same extensions and keeps their functions for the agents.
 */
public final class DatabaseExtensions {
    private static final Logger log = LoggerFactory.getLogger(DatabaseExtensions.class);
    public static final List<String> WANTED = List.of("pg_stat_statements", "hypopg");

    private DatabaseExtensions() {}

    /** Returns the wanted extensions that are installed after the attempt. */
    public static List<String> install(Connection c) {
        List<String> installed = new ArrayList<>();
        for (String name : WANTED) {
            try (Statement s = c.createStatement()) {
                if (!available(s, name)) {
                    log.info("Extension {} is not available on this server; its features use their fallback", name);
                    continue;
                }
                s.execute("CREATE EXTENSION IF NOT EXISTS " + name);
                installed.add(name);
            } catch (SQLException e) {
                log.warn("Extension {} could not be installed: {}", name, e.getMessage());
            }
        }
        return installed;
    }

    private static boolean available(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = '" + name + "'")) {
            return rs.next();
        }
    }
}
