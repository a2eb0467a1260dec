package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

    /** Runs a round trip on the system pool; never throws. */
    public static DatabaseHealth check(Database database, Migrations migrations) {
        long started = System.nanoTime();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT extname FROM pg_extension ORDER BY extname")) {
            List<String> extensions = new ArrayList<>();
            while (rs.next()) {
                extensions.add(rs.getString(1));
            }
            double latency = (System.nanoTime() - started) / 1e6;
            return new DatabaseHealth(
                    true,
                    database.mode().name().toLowerCase(),
                    database.url(),
                    database.user(),
                    database.serverVersion(),
                    migrations.currentVersion(),
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
