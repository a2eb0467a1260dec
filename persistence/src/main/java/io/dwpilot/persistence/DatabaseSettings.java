package io.dwpilot.persistence;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the warehouse lives: an external PostgreSQL named by a JDBC URL, or (when the URL is empty) an embedded one
 * whose data directory survives restarts.
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
        int systemPoolSize) {

    public DatabaseSettings {
        url = url.map(String::strip).filter(u -> !u.isEmpty());
        url.ifPresent(u -> {
            if (!u.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException(
                        "dwpilot.database.url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got: " + u);
            }
        });
        requirePositive("dwpilot.database.pools.query-size", queryPoolSize);
        requirePositive("dwpilot.database.pools.system-size", systemPoolSize);
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
                db.getInt("pools.system-size"));
    }

    public boolean embedded() {
        return url.isEmpty();
    }

    public DatabaseSettings withUrl(String newUrl) {
        return new DatabaseSettings(Optional.ofNullable(newUrl), user, password, connectTimeout, embeddedDataDirectory,
                embeddedPort, embeddedStartupTimeout, queryPoolSize, systemPoolSize);
    }

    public DatabaseSettings withEmbeddedDataDirectory(Path directory) {
        return new DatabaseSettings(url, user, password, connectTimeout, directory, embeddedPort,
                embeddedStartupTimeout, queryPoolSize, systemPoolSize);
    }

    public DatabaseSettings withEmbeddedPort(int port) {
        return new DatabaseSettings(url, user, password, connectTimeout, embeddedDataDirectory, port,
                embeddedStartupTimeout, queryPoolSize, systemPoolSize);
    }

    private static void requirePositive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, got " + value);
        }
    }
}
