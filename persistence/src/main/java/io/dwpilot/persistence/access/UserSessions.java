package io.dwpilot.persistence.access;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pools users' statements run on, one per {@link DatabaseRole}, each logging in as a role that itself lacks
 * what the user may not do. A session is reset when it is handed back, as pgbouncer's {@code server_reset_query}
 * does: {@code DISCARD ALL} drops settings, prepared statements, cursors, temporary tables, listeners and session
 * advisory locks, so nothing one request leaves behind reaches the next user of the connection. A session that
 * cannot be reset is closed instead of pooled.
 */
public final class UserSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);
    static final String RESET = "DISCARD ALL";

    private final Map<DatabaseRole, HikariDataSource> pools;
    private final Duration statementTimeout;
    private final boolean reset;
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();

    /**
     * @param pools            a pool for every role (roles may share one, when users' SQL runs over a single login)
     * @param statementTimeout the statement_timeout the pools' sessions start with, and return to when reset
     */
    public UserSessions(Map<DatabaseRole, HikariDataSource> pools, Duration statementTimeout) {
        this(pools, statementTimeout, true);
    }

    private UserSessions(Map<DatabaseRole, HikariDataSource> pools, Duration statementTimeout, boolean reset) {
        this.pools = new EnumMap<>(pools);
        this.statementTimeout = statementTimeout;
        this.reset = reset;
        for (DatabaseRole role : DatabaseRole.values()) {
            if (!this.pools.containsKey(role)) {
                throw new IllegalArgumentException("no pool for role " + role.label());
            }
        }
    }

    /**
     * Sessions handed back as they are, as dwpilot ran users' statements before it kept roles: only for measuring
     * what the reset costs ({@code dwpilot bench gateway}), never for serving users.
     */
    public static UserSessions withoutReset(Map<DatabaseRole, HikariDataSource> pools, Duration statementTimeout) {
        return new UserSessions(pools, statementTimeout, false);
    }

    /** A session of the role's pool; closing it resets the session and returns it. */
    public UserSession open(DatabaseRole role) throws SQLException {
        HikariDataSource pool = pools.get(role);
        return new UserSession(pool.getConnection(), pool);
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    public HikariDataSource pool(DatabaseRole role) {
        return pools.get(role);
    }

    /** The distinct pools by their short names (analyst, admin; or users when the roles share one), for metrics. */
    public Map<String, HikariDataSource> namedPools() {
        Map<String, HikariDataSource> named = new LinkedHashMap<>();
        distinctPools().forEach(p -> named.put(p.getPoolName().replaceFirst("^dwpilot-", ""), p));
        return named;
    }

    /** Each role's pool may grow to this many sessions (the governor sizes it for both lanes). */
    public void resize(int maximumPoolSize) {
        distinctPools().forEach(p -> p.getHikariConfigMXBean().setMaximumPoolSize(maximumPoolSize));
    }

    public int maximumPoolSize() {
        return pools.get(DatabaseRole.ANALYST).getMaximumPoolSize();
    }

    /** Sessions reset since start, and those closed because their reset failed. */
    public record Stats(long resets, long evicted) {
    }

    public Stats stats() {
        return new Stats(resets.get(), evicted.get());
    }

    private Set<HikariDataSource> distinctPools() {
        return new LinkedHashSet<>(pools.values());
    }

    @Override
    public void close() {
        distinctPools().forEach(HikariDataSource::close);
    }

    /** One borrowed session. Not thread-safe: one request uses it at a time. */
    public final class UserSession implements AutoCloseable {
        private final Connection connection;
        private final HikariDataSource pool;

        private UserSession(Connection connection, HikariDataSource pool) {
            this.connection = connection;
            this.pool = pool;
        }

        public Connection connection() {
            return connection;
        }

        /** Ends any transaction left open, resets the session and hands it back (or closes it when that fails). */
        @Override
        public void close() {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                if (reset) {
                    try (Statement s = connection.createStatement()) {
                        s.execute(RESET);
                    }
                    resets.incrementAndGet();
                }
            } catch (SQLException e) {
                evicted.incrementAndGet();
                log.warn("A user session could not be reset and is closed instead: {}", e.getMessage());
                pool.evictConnection(connection);
            } finally {
                try {
                    connection.close();
                } catch (SQLException e) {
                    log.debug("Closing a user session failed: {}", e.getMessage());
                }
            }
        }
    }
}
