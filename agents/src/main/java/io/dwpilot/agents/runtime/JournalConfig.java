package io.dwpilot.agents.runtime;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.persistence.Database;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Points pekko-persistence-jdbc (journal, snapshot store, read journal) at the warehouse database dwpilot already
 * uses. The static part (plugins, PostgreSQL profile, tables in schema {@code journal}, pool size, serialization
 * bindings) lives in agents' {@code reference.conf}; this class supplies only the connection, which is known at run
 * time (an external URL, or the embedded server's port). Use it as
 * {@code ActorSystem.create(guardian, name, JournalConfig.overlay(url, user, password).withFallback(config))}.
 */
public final class JournalConfig {
    /** Where the one Slick database shared by journal, snapshot store and read journal is configured. */
    public static final String SHARED_DB_PATH = "pekko-persistence-jdbc.shared-databases.slick";

    private JournalConfig() {}

    /** The connection overlay for a PostgreSQL JDBC URL (without credentials in it), user and password. */
    public static Config overlay(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the journal needs a PostgreSQL JDBC URL, got: " + jdbcUrl);
        }
        Map<String, Object> values = new HashMap<>();
        values.put(SHARED_DB_PATH + ".db.url", jdbcUrl);
        values.put(SHARED_DB_PATH + ".db.user", Objects.requireNonNull(user, "user"));
        values.put(SHARED_DB_PATH + ".db.password", Objects.requireNonNullElse(password, ""));
        return ConfigFactory.parseMap(values, "dwpilot journal connection");
    }

    /** The overlay for an open warehouse: the journal logs in as dwpilot's own work does (the agents' role). */
    public static Config overlay(Database database) {
        return overlay(
                database.url(),
                database.systemLogin().user(),
                database.systemLogin().password());
    }

    /** The same, with a different pool size than the default in {@code reference.conf}. */
    public static Config overlay(String jdbcUrl, String user, String password, int poolSize) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("journal pool size must be at least 1, got " + poolSize);
        }
        Map<String, Object> pool = new HashMap<>();
        pool.put(SHARED_DB_PATH + ".db.numThreads", poolSize);
        pool.put(SHARED_DB_PATH + ".db.maxConnections", poolSize);
        pool.put(SHARED_DB_PATH + ".db.minConnections", Math.min(1, poolSize));
        return ConfigFactory.parseMap(pool, "dwpilot journal pool").withFallback(overlay(jdbcUrl, user, password));
    }
}
