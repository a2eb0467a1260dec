package io.dwpilot.persistence.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Makes one test database unreachable until closed, the same way on the embedded server and on an external one: as
 * superuser on the server's {@code postgres} database, new connections to it are refused ({@code ALLOW_CONNECTIONS
 * false}) and its open ones are terminated. Other databases on the server, and the server itself, carry on.
 * <pre>
 *   try (DatabaseOutage outage = DatabaseOutage.of(database.systemPool())) { ... }
 * </pre>
 */
public final class DatabaseOutage implements AutoCloseable {
    private final String name;

    private DatabaseOutage(String name) {
        this.name = name;
    }

    /** Cuts off the database {@code pool} connects to. */
    public static DatabaseOutage of(DataSource pool) throws SQLException {
        String name;
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_database()")) {
            rs.next();
            name = rs.getString(1);
        }
        try (Connection admin = admin();
                Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        }
        terminateBackends(name);
        return new DatabaseOutage(name);
    }

    /**
     * Signals every backend of the database at once (one by one, a pool could still hand out the last ones while the
     * first are gone), then waits until they are gone; connections that were opening as the database closed could
     * still slip in, so it starts over until none is left.
     */
    private static void terminateBackends(String name) throws SQLException {
        try (Connection admin = admin();
                PreparedStatement terminate = admin.prepareStatement(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = ?");
                PreparedStatement left =
                        admin.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            terminate.setString(1, name);
            left.setString(1, name);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (count(left) > 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("connections to " + name + " are still open after 10 s");
                }
                count(terminate);
                sleepBriefly();
            }
        }
    }

    private static long count(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets connections in again. */
    @Override
    public void close() throws SQLException {
        try (Connection admin = admin();
                Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(TestPostgres.adminUrl(), "postgres", "");
    }
}
