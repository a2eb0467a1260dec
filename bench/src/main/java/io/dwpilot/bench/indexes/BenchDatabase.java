package io.dwpilot.bench.indexes;

import io.dwpilot.persistence.access.Login;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index benchmark drops indexes and loads data, so it never works in the warehouse it is pointed at: it works in
 * a database of its own, {@value #NAME}, on the same server, created on first use and reused after that (the data
 * load is the slow part).
 */
public final class BenchDatabase {
    public static final String NAME = "dwpilot_bench";
    private static final Pattern DATABASE = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");

    private BenchDatabase() {}

    /** {@code serverUrl} naming the benchmark's database instead of its own (host, port and parameters kept). */
    public static String url(String serverUrl) {
        Matcher m = DATABASE.matcher(serverUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL of the form jdbc:postgresql://host:port/db: " + serverUrl);
        }
        return m.group(1) + "/" + NAME + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * Creates the benchmark's database unless it exists, logged in to {@code serverUrl} (any database of that server)
     * as {@code login}, which may create databases (the configured login, not one of dwpilot's roles).
     */
    public static boolean createIfMissing(String serverUrl, Login login) throws SQLException {
        try (Connection c = DriverManager.getConnection(serverUrl, login.user(), login.password());
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + NAME);
            }
            return true;
        }
    }
}
