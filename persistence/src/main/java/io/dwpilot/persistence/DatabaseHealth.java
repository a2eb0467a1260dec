package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which database is in use and whether it answers. */
public record DatabaseHealth(
        boolean up,
        String mode,
        String url,
        String user,
        String serverVersion,
        String schemaVersion,
        List<String> extensions,
        double latencyMs,
        String message) {

    /** What a health check may take at most in PostgreSQL before the database counts as down. */
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private static final String SQL = "SELECT extname, (SELECT version FROM metadata.flyway_schema_history"
            + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1)"
            + " FROM pg_extension ORDER BY extname";

    /**
     * Runs a round trip on the database's probe connection, never on the agents' pool: a pool busy with long work
     * must not make a live database look down. Never throws.
     */
    public static DatabaseHealth check(Database database) {
        long started = System.nanoTime();
        try (Connection c = database.probePool().getConnection();
                Statement s = c.createStatement()) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            List<String> extensions = new ArrayList<>();
            String schemaVersion = "none";
            try (ResultSet rs = s.executeQuery(SQL)) {
                while (rs.next()) {
                    extensions.add(rs.getString(1));
                    schemaVersion = Objects.requireNonNullElse(rs.getString(2), "none");
                }
            }
            double latency = (System.nanoTime() - started) / 1e6;
            return new DatabaseHealth(
                    true,
                    database.mode().name().toLowerCase(),
                    database.url(),
                    database.user(),
                    database.serverVersion(),
                    schemaVersion,
                    List.copyOf(extensions),
                    latency,
                    "ok");
        } catch (SQLException | RuntimeException e) {
            double latency = (System.nanoTime() - started) / 1e6;
            return new DatabaseHealth(
                    false,
                    database.mode().name().toLowerCase(),
                    database.url(),
                    database.user(),
                    database.serverVersion(),
                    "unknown",
                    List.of(),
                    latency,
                    e.getMessage());
        }
    }
}
