package io.dwpilot.persistence;

import com.typesafe.config.Config;
import io.dwpilot.persistence.access.AccessSettings;
import io.dwpilot.persistence.access.Credentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the warehouse lives: an external PostgreSQL named by a JDBC URL, or (when the URL is empty) an embedded one
 * whose data directory survives restarts; the login that bootstraps it ({@code user}, {@code password}: ignored for
 * the embedded server, whose superuser's password dwpilot keeps), and how users' sessions reach it.
 *
 * @param sessionStatementTimeout the statement_timeout users' sessions start with (the gateway's default), so that a
 *                                request keeping the default needs no SET
 */
public record DatabaseSettings(
        Optional<String> url,
        String user,
        String password,
        Duration connectTimeout,
        Path embeddedDataDirectory,
        int embeddedPort,
        Duration embeddedStartupTimeout,
        int queryPoolSize,
        int systemPoolSize,
        Duration sessionStatementTimeout,
        AccessSettings access) {

    public DatabaseSettings {
        url = url.map(String::strip).filter(u -> !u.isEmpty());
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "dwpilot.database.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got: "
                                + u);
            }
        });
        requirePositive("dwpilot.database.pools.query-size", queryPoolSize);
        requirePositive("dwpilot.database.pools.system-size", systemPoolSize);
        if (sessionStatementTimeout.isNegative() || sessionStatementTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "dwpilot.gateway.default-timeout must be positive, got " + sessionStatementTimeout);
        }
        if (embeddedPort < 0 || embeddedPort > 65535) {
            throw new IllegalArgumentException("dwpilot.database.embedded.port must be 0..65535, got " + embeddedPort);
        }
    }

    /** Reads the {@code dwpilot.database} section. */
    public static DatabaseSettings fromConfig(Config config) {
        Config db = config.getConfig("dwpilot.database");
        return new DatabaseSettings(
                Optional.of(db.getString("url")),
                db.getString("user"),
                db.getString("password"),
                db.getDuration("connect-timeout"),
                Path.of(db.getString("embedded.data-directory")),
                db.getInt("embedded.port"),
                db.getDuration("embedded.startup-timeout"),
                db.getInt("pools.query-size"),
                db.getInt("pools.system-size"),
                config.getDuration("dwpilot.gateway.default-timeout"),
                AccessSettings.fromConfig(config));
    }

    public boolean embedded() {
        return url.isEmpty();
    }

    /** An external database with its bootstrap login; the access settings are kept. */
    public DatabaseSettings withExternal(String newUrl, String newUser, String newPassword) {
        return new DatabaseSettings(
                Optional.of(newUrl),
                newUser,
                newPassword,
                connectTimeout,
                embeddedDataDirectory,
                embeddedPort,
                embeddedStartupTimeout,
                queryPoolSize,
                systemPoolSize,
                sessionStatementTimeout,
                access);
    }

    /**
     * The embedded server of this data directory as another dwpilot process runs it (that process holds the
     * directory: a second server cannot start on it), reached by its port with the superuser's kept password.
     *
     * @throws DatabaseUnavailableException when the credentials file holds no password for the superuser
     */
    public DatabaseSettings runningEmbedded() {
        Path file = credentialsFile();
        String password = Credentials.at(file)
                .find(EmbeddedServer.SUPERUSER)
                .orElseThrow(() -> new DatabaseUnavailableException(
                        "No password for the embedded server's superuser in " + file
                                + ": start dwpilot on this data directory once first",
                        null));
        return withExternal(
                        "jdbc:postgresql://127.0.0.1:" + embeddedPort + "/postgres", EmbeddedServer.SUPERUSER, password)
                .withAccess(access.withCredentialsFile(file));
    }

    public DatabaseSettings withUrl(String newUrl) {
        return new DatabaseSettings(
                Optional.ofNullable(newUrl),
                user,
                password,
                connectTimeout,
                embeddedDataDirectory,
                embeddedPort,
                embeddedStartupTimeout,
                queryPoolSize,
                systemPoolSize,
                sessionStatementTimeout,
                access);
    }

    public DatabaseSettings withEmbeddedDataDirectory(Path directory) {
        return new DatabaseSettings(
                url,
                user,
                password,
                connectTimeout,
                directory,
                embeddedPort,
                embeddedStartupTimeout,
                queryPoolSize,
                systemPoolSize,
                sessionStatementTimeout,
                access);
    }

    public DatabaseSettings withConnectTimeout(Duration timeout) {
        return new DatabaseSettings(
                url,
                user,
                password,
                timeout,
                embeddedDataDirectory,
                embeddedPort,
                embeddedStartupTimeout,
                queryPoolSize,
                systemPoolSize,
                sessionStatementTimeout,
                access);
    }

    public DatabaseSettings withEmbeddedPort(int port) {
        return new DatabaseSettings(
                url,
                user,
                password,
                connectTimeout,
                embeddedDataDirectory,
                port,
                embeddedStartupTimeout,
                queryPoolSize,
                systemPoolSize,
                sessionStatementTimeout,
                access);
    }

    public DatabaseSettings withAccess(AccessSettings newAccess) {
        return new DatabaseSettings(
                url,
                user,
                password,
                connectTimeout,
                embeddedDataDirectory,
                embeddedPort,
                embeddedStartupTimeout,
                queryPoolSize,
                systemPoolSize,
                sessionStatementTimeout,
                newAccess);
    }

    /**
     * Where the roles' passwords are kept unless configured: in the embedded server's data directory, or under
     * {@code ~/.dwpilot/credentials} named after the external server and database.
     */
    public Path credentialsFile() {
        return access.credentialsFile()
                .orElseGet(() -> url.map(u -> Path.of(
                                System.getProperty("user.home"),
                                ".dwpilot",
                                "credentials",
                                ServerAddress.of(u).fileName() + ".properties"))
                        .orElseGet(() -> embeddedDataDirectory.resolve("dwpilot-credentials.properties")));
    }

    private static void requirePositive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }
}
