package io.dwpilot.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.dwpilot.persistence.access.AccessSettings;
import io.dwpilot.persistence.access.AccessSetupException;
import io.dwpilot.persistence.access.Credentials;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.access.Login;
import io.dwpilot.persistence.access.Logins;
import io.dwpilot.persistence.access.RoleBootstrap;
import io.dwpilot.persistence.access.UserSessions;
import io.dwpilot.persistence.access.WarehouseGrants;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse database: its roles made ready over the configured login (a superuser creates them; see
 * {@link RoleBootstrap}), the agents' pool ({@link #systemPool()}: ETL, logging, index DDL) and the users' pools
 * ({@link #sessions()}: one per {@link DatabaseRole}, each logging in as a role without more privileges than its
 * users), so that neither side starves the other and no user statement runs with the powers of the login dwpilot
 * was configured with.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** PostgreSQL 14 is the oldest release whose catalog views and SQL the warehouse relies on. */
    static final int MINIMUM_SERVER_VERSION = 140000;

    public enum Mode {
        EMBEDDED,
        EXTERNAL
    }

    private final Mode mode;
    private final String url;
    private final Optional<EmbeddedServer> embedded;
    private final Login bootstrap;
    private final Logins logins;
    private final AccessSettings access;
    private final HikariDataSource systemPool;
    private final HikariDataSource probePool;
    private final UserSessions sessions;
    private final String serverVersion;

    private Database(
            Mode mode,
            String url,
            Optional<EmbeddedServer> embedded,
            Login bootstrap,
            Logins logins,
            AccessSettings access,
            HikariDataSource systemPool,
            HikariDataSource probePool,
            UserSessions sessions,
            String serverVersion) {
        this.mode = mode;
        this.url = url;
        this.embedded = embedded;
        this.bootstrap = bootstrap;
        this.logins = logins;
        this.access = access;
        this.systemPool = systemPool;
        this.probePool = probePool;
        this.sessions = sessions;
        this.serverVersion = serverVersion;
    }

    /**
     * Starts the embedded server when no URL is configured, makes the roles ready, then opens and checks the pools.
     *
     * @throws DatabaseUnavailableException with a message naming the database and the cause
     * @throws AccessSetupException         when the roles are missing or too powerful and the login cannot fix that
     */
    public static Database open(DatabaseSettings settings) {
        Credentials credentials = Credentials.at(settings.credentialsFile());
        Optional<EmbeddedServer> embedded =
                settings.embedded() ? Optional.of(EmbeddedServer.start(settings, credentials)) : Optional.empty();
        String url = embedded.map(server -> server.jdbcUrl("postgres"))
                .orElseGet(() -> settings.url().orElseThrow());
        Login bootstrap = embedded.map(EmbeddedServer::superuser)
                .orElseGet(() -> new Login(settings.user(), settings.password()));
        HikariDataSource system = null;
        HikariDataSource probe = null;
        UserSessions sessions = null;
        try {
            String version;
            Logins logins;
            try (Connection c = connect(url, bootstrap, settings)) {
                version = checkServerVersion(c, url);
                logins = prepareLogins(c, bootstrap, url, settings, credentials);
            }
            system = pool("dwpilot-system", url, logins.system(), settings, settings.systemPoolSize(), Map.of());
            probe = probePool(url, logins.system(), settings);
            sessions = userSessions(url, logins, settings);
            return new Database(
                    embedded.isPresent() ? Mode.EMBEDDED : Mode.EXTERNAL,
                    url,
                    embedded,
                    bootstrap,
                    logins,
                    settings.access(),
                    system,
                    probe,
                    sessions,
                    version);
        } catch (SQLException e) {
            closeAll(sessions, embedded, system, probe);
            throw new DatabaseUnavailableException("Cannot prepare PostgreSQL at " + url + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(sessions, embedded, system, probe);
            throw e;
        }
    }

    /**
     * The SQL a superuser runs once in the configured database so that dwpilot can run users' statements under its
     * roles without a superuser login ({@code dwpilot roles --print-sql}); the roles' passwords are generated and
     * kept in the credentials file when new, and appear in the script only as SCRAM verifiers.
     */
    public static String rolesScript(DatabaseSettings settings) {
        String database =
                settings.url().map(u -> ServerAddress.of(u).database()).orElse(EmbeddedServer.SUPERUSER);
        return new RoleBootstrap(
                        settings.url().orElse(""), settings.access(), Credentials.at(settings.credentialsFile()))
                .script(database);
    }

    private static Logins prepareLogins(
            Connection connection, Login login, String url, DatabaseSettings settings, Credentials credentials)
            throws SQLException {
        if (settings.access().allowSuperuserSessions()) {
            log.warn(
                    "dwpilot.security.allow-superuser-sessions is on: users' statements run as '{}' with all its"
                            + " privileges, not under least-privilege roles",
                    login.user());
            DatabaseExtensions.install(connection);
            return Logins.single(login);
        }
        return new RoleBootstrap(url, settings.access(), credentials).prepare(connection);
    }

    /** The longest a user's statement waits for a pooled session of its role. */
    private static final Duration USER_SESSION_WAIT = Duration.ofSeconds(1);

    private static UserSessions userSessions(String url, Logins logins, DatabaseSettings settings) {
        // sessions start with the gateway's default timeout: the reset after each request returns to it
        Map<String, Object> startup = Map.of(
                "options",
                "-c statement_timeout=" + settings.sessionStatementTimeout().toMillis());
        Map<DatabaseRole, HikariDataSource> pools = new EnumMap<>(DatabaseRole.class);
        try {
            if (logins.rolesKept()) {
                for (DatabaseRole role : DatabaseRole.values()) {
                    pools.put(
                            role,
                            pool(
                                    "dwpilot-" + role.label(),
                                    url,
                                    logins.user(role),
                                    settings,
                                    settings.queryPoolSize(),
                                    startup));
                }
            } else {
                HikariDataSource shared =
                        pool("dwpilot-users", url, logins.system(), settings, settings.queryPoolSize(), startup);
                for (DatabaseRole role : DatabaseRole.values()) {
                    pools.put(role, shared);
                }
            }
        } catch (RuntimeException e) {
            pools.values().stream().distinct().forEach(HikariDataSource::close);
            throw e;
        }
        // a user's statement holds an admission slot, and the pools hold a session for every slot: a wait for one
        // means the database is away, and the caller is better told so (503) well within the admission wait
        pools.values().stream().distinct().forEach(pool -> waitAtMost(pool, USER_SESSION_WAIT));
        return new UserSessions(pools, settings.sessionStatementTimeout());
    }

    /** How long a health check waits for its connection before it calls the database down. */
    private static final Duration PROBE_WAIT = Duration.ofSeconds(2);

    private static HikariDataSource probePool(String url, Login login, DatabaseSettings settings) {
        HikariDataSource probe = pool("dwpilot-health", url, login, settings, 1, Map.of());
        waitAtMost(probe, PROBE_WAIT);
        return probe;
    }

    /** Caps how long a borrower waits for a connection of {@code pool} (never above the configured wait). */
    private static void waitAtMost(HikariDataSource pool, Duration wait) {
        pool.setConnectionTimeout(Math.min(pool.getConnectionTimeout(), wait.toMillis()));
    }

    private static HikariDataSource pool(
            String name, String url, Login login, DatabaseSettings settings, int size, Map<String, Object> properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(login.user());
        config.setPassword(login.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        // One attempt at start: a wrong URL or password should fail now with its reason, not after retries.
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty(
                "connectTimeout", Math.max(1, settings.connectTimeout().toSeconds()));
        config.addDataSourceProperty("ApplicationName", name);
        config.addDataSourceProperty("reWriteBatchedInserts", true);
        properties.forEach(config::addDataSourceProperty);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseUnavailableException(
                    "Cannot connect to PostgreSQL at " + url + " as user '" + login.user() + "': "
                            + EmbeddedServer.rootMessage(e),
                    e);
        }
    }

    private static Connection connect(String url, Login login, DatabaseSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        properties.setProperty(
                "connectTimeout",
                Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        properties.setProperty("ApplicationName", "dwpilot-bootstrap");
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(
                    "Cannot connect to PostgreSQL at " + url + " as user '" + login.user() + "': " + e.getMessage(), e);
        }
    }

    private static String checkServerVersion(Connection c, String url) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT current_setting('server_version_num')::int, current_setting('server_version')")) {
            rs.next();
            if (rs.getInt(1) < MINIMUM_SERVER_VERSION) {
                throw new DatabaseUnavailableException(
                        "PostgreSQL at " + url + " is version " + rs.getString(2)
                                + "; dwpilot needs PostgreSQL 14 or newer",
                        null);
            }
            return rs.getString(2);
        }
    }

    private static void closeAll(UserSessions sessions, Optional<EmbeddedServer> embedded, HikariDataSource... pools) {
        if (sessions != null) {
            sessions.close();
        }
        Arrays.stream(pools).filter(Objects::nonNull).forEach(HikariDataSource::close);
        embedded.ifPresent(EmbeddedServer::close);
    }

    /**
     * Brings the schemas to the newest version as the owner role (so the owner owns every object they create), then
     * applies the grants on them. Returns how many migrations ran.
     */
    public int migrate() {
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(url);
        owner.setUser(logins.system().user());
        owner.setPassword(logins.system().password());
        // each of Flyway's sessions acts as the owner from its start (and none goes back to a pool)
        logins.schemaOwner().ifPresent(role -> owner.setOptions("-c role=" + role));
        int applied = new Migrations(owner).migrate();
        if (logins.rolesKept()) {
            try (Connection c = systemPool.getConnection()) {
                new WarehouseGrants(access.roles(), access.analystSchemas(), access.adminSchemas()).apply(c);
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(
                        "Cannot grant the roles their privileges on the warehouse: " + e.getMessage(), e);
            }
        }
        return applied;
    }

    public Mode mode() {
        return mode;
    }

    /** The JDBC URL in use, without credentials. */
    public String url() {
        return url;
    }

    /** The login of dwpilot's own work (the agents' role, or the configured login without kept roles). */
    public String user() {
        return logins.system().user();
    }

    /** The agents' login, for the journal's own connection pool. */
    public Login systemLogin() {
        return logins.system();
    }

    /**
     * The login dwpilot was configured with (the embedded server's superuser): for creating a sibling database,
     * never for statements of users or agents.
     */
    public Login bootstrapLogin() {
        return bootstrap;
    }

    /** True when users' statements run under their own least-privilege roles. */
    public boolean rolesKept() {
        return logins.rolesKept();
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

    /** The pools of users' statements, one per database role. */
    public UserSessions sessions() {
        return sessions;
    }

    public HikariDataSource systemPool() {
        return systemPool;
    }

    /** One connection of its own for health checks, so that busy agents never make a live database look down. */
    public HikariDataSource probePool() {
        return probePool;
    }

    @Override
    public void close() {
        closeAll(sessions, embedded, systemPool, probePool);
    }
}
