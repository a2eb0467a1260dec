package io.dwpilot.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The warehouse database and its two pools: {@link #queryPool()} for user queries, {@link #systemPool()} for the
 * agents, logging, ETL and DDL, so that neither can starve the other.
 */
public final class Database implements AutoCloseable {
    /** PostgreSQL 14 is the oldest release whose catalog views and SQL the warehouse relies on. */
    static final int MINIMUM_SERVER_VERSION = 140000;

    public enum Mode { EMBEDDED, EXTERNAL }

    private final Mode mode;
    private final String url;
    private final String user;
    private final Optional<EmbeddedServer> embedded;
    private final HikariDataSource systemPool;
    private final HikariDataSource queryPool;
    private final String serverVersion;

    private Database(Mode mode, String url, String user, Optional<EmbeddedServer> embedded,
                     HikariDataSource systemPool, HikariDataSource queryPool, String serverVersion) {
        this.mode = mode;
        this.url = url;
        this.user = user;
        this.embedded = embedded;
        this.systemPool = systemPool;
        this.queryPool = queryPool;
        this.serverVersion = serverVersion;
    }

    /**
     * Starts the embedded server when no URL is configured, then opens and checks both pools.
     *
     * @throws DatabaseUnavailableException with a message naming the database and the cause
     */
    public static Database open(DatabaseSettings settings) {
        Optional<EmbeddedServer> embedded = settings.embedded()
                ? Optional.of(EmbeddedServer.start(settings)) : Optional.empty();
        String url = embedded.map(server -> server.jdbcUrl("postgres")).orElseGet(() -> settings.url().orElseThrow());
        HikariDataSource system = null;
        try {
            system = pool("dwpilot-system", url, settings, settings.systemPoolSize());
            String version = checkServerVersion(system, url);
            HikariDataSource query = pool("dwpilot-query", url, settings, settings.queryPoolSize());
            return new Database(embedded.isPresent() ? Mode.EMBEDDED : Mode.EXTERNAL, url, settings.user(), embedded,
                    system, query, version);
        } catch (RuntimeException e) {
            if (system != null) {
                system.close();
            }
            embedded.ifPresent(EmbeddedServer::close);
            throw e;
        }
    }

    private static HikariDataSource pool(String name, String url, DatabaseSettings settings, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        // One attempt at start: a wrong URL or password should fail now with its reason, not after retries.
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
        config.addDataSourceProperty("ApplicationName", name);
        config.addDataSourceProperty("reWriteBatchedInserts", true);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnavailableException("Cannot connect to PostgreSQL at " + url + " as user '"
                    + settings.user() + "': " + EmbeddedServer.rootMessage(e), e);
        }
    }

    private static String checkServerVersion(DataSource pool, String url) {
        try (Connection c = pool.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            if (rs.getInt(1) < MINIMUM_SERVER_VERSION) {
                throw new DatabaseUnavailableException("PostgreSQL at " + url + " is version " + rs.getString(2)
                        + "; dwpilot needs PostgreSQL 14 or newer", null);
            }
            return rs.getString(2);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Cannot query PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    public Mode mode() {
        return mode;
    }

    /** The JDBC URL in use, without credentials. */
    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String serverVersion() {
        return serverVersion;
    }

    /**
     * For an owner with its own orderly shutdown at JVM exit (Ctrl-C): the embedded server waits up to {@code grace}
     * for {@link #close} before stopping itself, so that the owner can still write on its way out.
     */
    public void holdAtExit(Duration grace) {
        embedded.ifPresent(server -> server.holdAtExit(grace));
    }

    /** The embedded server's data directory, when dwpilot runs its own PostgreSQL. */
    public Optional<java.nio.file.Path> embeddedDataDirectory() {
        return embedded.map(EmbeddedServer::dataDirectory);
    }

    public HikariDataSource queryPool() {
        return queryPool;
    }

    public HikariDataSource systemPool() {
        return systemPool;
    }

    @Override
    public void close() {
        queryPool.close();
        systemPool.close();
        embedded.ifPresent(EmbeddedServer::close);
    }
}
