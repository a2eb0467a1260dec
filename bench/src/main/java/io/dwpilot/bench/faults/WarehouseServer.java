package io.dwpilot.bench.faults;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.access.Login;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

/**
 * The experiment's own embedded PostgreSQL on a fixed data directory and port, so that it can be stopped and started
 * again on the same data while dwpilot (another process) keeps running against it.
 */
public final class WarehouseServer implements AutoCloseable {
    private final DatabaseSettings settings;
    private final PrintStream out;
    private Database database;

    private WarehouseServer(DatabaseSettings settings, PrintStream out, Database database) {
        this.settings = settings;
        this.out = out;
        this.database = database;
    }

    /** Starts the server (initialising the data directory when new) with its roles and schemas ready. */
    public static WarehouseServer start(DatabaseSettings embedded, PrintStream out) {
        if (!embedded.embedded()) {
            throw new IllegalArgumentException("the faults experiment runs its own embedded PostgreSQL");
        }
        return new WarehouseServer(embedded, out, ConsoleWarehouse.open(embedded, out));
    }

    /** The open warehouse, for loading it. */
    public Database database() {
        return database;
    }

    /** The JDBC URL dwpilot connects to. */
    public String url() {
        return database.url();
    }

    /** The superuser's login: dwpilot prepares its roles with it, the experiment reads the catalog with it. */
    public Login superuser() {
        return database.bootstrapLogin();
    }

    /** Stops the server (a fast shutdown: sessions are ended, nothing is lost that was committed). */
    public void stop() {
        database.close();
        database = null;
    }

    /** Starts the server again on the same data directory and port; returns when it accepts connections. */
    public void restart() {
        out.println("  starting PostgreSQL again");
        database = Database.open(settings);
    }

    /** A new superuser session. */
    public Connection connect() throws SQLException {
        Login login = superuser();
        return DriverManager.getConnection(url(), login.user(), login.password());
    }

    /** When the running server's postmaster started. */
    public Instant startedAt() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_postmaster_start_time()")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }

    public String version() {
        return database.serverVersion();
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
    }
}
