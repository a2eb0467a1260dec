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
 * what the user may not do. A session is reset as its request's transaction ends, as pgbouncer's
 * {@code server_reset_query} does with {@code DISCARD ALL}: settings (also those of {@code set_config(..., false)}),
 * prepared statements, cursors (also {@code WITH HOLD}), listeners, cached plans, temporary tables and sequence
 * state, so nothing one request leaves behind reaches the next user of the connection. DISCARD ALL itself cannot run
 * inside a transaction, so it would cost a round trip per request; its parts can, and ride on the COMMIT or ROLLBACK.
 * The two parts of DISCARD ALL it leaves out cannot matter here: {@code SET SESSION AUTHORIZATION DEFAULT} (the
 * pools' logins may not change it) and {@code pg_advisory_unlock_all()} (the users' roles may not take advisory
 * locks). A session that cannot be reset is closed instead of pooled.
 */
public final class UserSessions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UserSessions.class);
    static final String RESET =
            "RESET ALL; DEALLOCATE ALL; CLOSE ALL; UNLISTEN *; DISCARD PLANS; DISCARD TEMP;" + " DISCARD SEQUENCES";

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
    public record Stats(long resets, long evicted) {}

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

    /**
     * One borrowed session, used by one request at a time. The request's transaction ends through {@link #commit} or
     * {@link #rollback}, which reset the session in the same round trip; {@link #close} hands it back.
     */
    public final class UserSession implements AutoCloseable {
        private final Connection connection;
        private final HikariDataSource pool;
        private boolean ended;

        private UserSession(Connection connection, HikariDataSource pool) {
            this.connection = connection;
            this.pool = pool;
        }

        /** The session's connection, in a transaction once the caller turned auto-commit off. */
        public Connection connection() {
            return connection;
        }

        /**
         * Commits the request's transaction with the reset inside it: RESET inside a transaction takes effect when
         * it commits, so the reset costs no round trip of its own.
         */
        public void commit() throws SQLException {
            end(reset ? RESET + "; COMMIT" : "COMMIT");
        }

        /** Rolls the request's transaction back, then resets the session, in one round trip. */
        public void rollback() throws SQLException {
            end(reset ? "ROLLBACK; " + RESET : "ROLLBACK");
        }

        private void end(String statements) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(statements);
            }
            ended = true;
            if (reset) {
                resets.incrementAndGet();
            }
        }

        /** Hands the session back; one whose transaction did not end is rolled back and reset first, or closed. */
        @Override
        public void close() {
            try {
                if (!ended) {
                    rollback();
                }
                connection.setAutoCommit(true);
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
