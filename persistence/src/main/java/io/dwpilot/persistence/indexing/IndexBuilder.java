package io.dwpilot.persistence.indexing;

import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.catalog.IndexInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.core.Parser;

/**
 * Builds and drops real indexes without blocking writers: {@code CREATE INDEX CONCURRENTLY} and
 * {@code DROP INDEX CONCURRENTLY}, which cannot run inside a transaction, so each runs alone in autocommit on a
 * connection of the pool (the system pool: builds are long and must not take user query slots) under its own
 * statement timeout, reset before the connection goes back.
 *
 * <p>A concurrent build that fails (a duplicate key, a timeout, a cancellation) leaves an INVALID index behind that
 * still slows every write to the table; {@link #create} drops it before reporting the failure, and
 * {@link #dropInvalid} sweeps up those a crash left.
 */
public final class IndexBuilder {
    /**
     * The timeout of each drop of an INVALID index, after a failed build or by {@link #dropInvalid}: not the build's
     * own, which may be what just ran out.
     */
    public static final Duration CLEANUP_TIMEOUT = Duration.ofMinutes(1);

    private static final Pattern CREATE_CONCURRENTLY = Pattern.compile(
            "\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    // PostgreSQL folds unquoted names to lower case, so any other name must be quoted to mean itself.
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private static final String INDEX_OID = """
            SELECT c.oid, i.indisvalid FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_index i ON i.indexrelid = c.oid
            WHERE n.nspname = ? AND c.relname = ?""";

    private final DataSource dataSource;
    private final IndexCatalog catalog;

    public IndexBuilder(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.catalog = new IndexCatalog(dataSource);
    }

    /**
     * Runs one {@code CREATE [UNIQUE] INDEX CONCURRENTLY} statement that builds {@code schema.indexName}, and answers
     * the size of the new index and the time the build took.
     *
     * @throws IllegalArgumentException when the text is not exactly one concurrent CREATE INDEX statement
     * @throws IndexBuildException      when the build fails (after dropping the INVALID index it left, if any) or
     *                                  the statement built no index of that name
     */
    public BuildResult create(String createIndexConcurrentlySql, String schema, String indexName, Duration timeout) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(indexName, "indexName");
        requireTimeout(timeout);
        requireConcurrentCreate(createIndexConcurrentlySql);
        String index = schema + '.' + indexName;
        long started = System.nanoTime();
        try {
            runAlone(createIndexConcurrentlySql, timeout);
        } catch (SQLException e) {
            throw new IndexBuildException(
                    "Building index " + index + " failed (SQLSTATE " + e.getSQLState() + "): " + e.getMessage() + "; "
                            + cleanUp(schema, indexName, e),
                    e.getSQLState(),
                    e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try {
            return new BuildResult(sizeBytes(schema, indexName), took);
        } catch (NoSuchElementException e) {
            throw new IndexBuildException(
                    "The statement built no index " + index + ": " + createIndexConcurrentlySql.strip(), null, e);
        } catch (SQLException e) {
            throw new IndexBuildException(
                    "Index " + index + " was built but its size could not be read (SQLSTATE " + e.getSQLState() + "): "
                            + e.getMessage(),
                    e.getSQLState(),
                    e);
        }
    }

    /**
     * The size of the index ({@code pg_relation_size}), e.g. of one a previous run built before it could record it.
     *
     * @throws NoSuchElementException when there is no such index
     */
    public long sizeBytes(String schema, String indexName) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT pg_relation_size(c.oid) FROM (" + INDEX_OID + ") c")) {
            ps.setString(1, schema);
            ps.setString(2, indexName);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("no index " + schema + '.' + indexName);
                }
                return rs.getLong(1);
            }
        }
    }

    /** {@code DROP INDEX CONCURRENTLY IF EXISTS schema.indexName}: writers go on while it waits for readers. */
    public void drop(String schema, String indexName, Duration timeout) {
        requireTimeout(timeout);
        try {
            runAlone("DROP INDEX CONCURRENTLY IF EXISTS " + quote(schema) + '.' + quote(indexName), timeout);
        } catch (SQLException e) {
            throw new IndexBuildException(
                    "Dropping index " + schema + '.' + indexName + " failed (SQLSTATE " + e.getSQLState() + "): "
                            + e.getMessage(),
                    e.getSQLState(),
                    e);
        }
    }

    /**
     * Drops every INVALID index of the user schemas whose name the filter accepts (the indexer passes a test of its
     * own name prefix: it never drops what others built) and answers how many it dropped.
     *
     * @throws IndexBuildException when a drop fails; the ones before it stay dropped
     */
    public int dropInvalid(Predicate<String> nameFilter) throws SQLException {
        int dropped = 0;
        for (IndexInfo index : catalog.invalid()) {
            if (nameFilter.test(index.name())) {
                drop(index.schema(), index.name(), CLEANUP_TIMEOUT);
                dropped++;
            }
        }
        return dropped;
    }

    /** How many scans used the index ({@code pg_stat_user_indexes.idx_scan}); empty when there is no such index. */
    public Optional<Long> scans(String schema, String indexName) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT idx_scan FROM pg_stat_user_indexes WHERE schemaname = ? AND indexrelname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, indexName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** True when the index exists, valid or not. */
    public boolean exists(String schema, String indexName) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INDEX_OID)) {
            ps.setString(1, schema);
            ps.setString(2, indexName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Runs one statement outside any transaction under a statement timeout, reset before the connection goes back
     * to the pool; a failure of the reset never hides the statement's own.
     */
    private void runAlone(String sql, Duration timeout) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement setTimeout = c.prepareStatement("SELECT set_config('statement_timeout', ?, false)");
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            setTimeout.setString(1, Math.max(1, timeout.toMillis()) + "ms");
            setTimeout.execute();
            SQLException failure = null;
            try {
                s.execute(sql);
            } catch (SQLException e) {
                failure = e;
            }
            try {
                s.execute("RESET statement_timeout");
            } catch (SQLException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** After a failed build: drops the INVALID index it left, and says what happened for the failure's message. */
    private String cleanUp(String schema, String indexName, SQLException failure) {
        try {
            if (!invalid(schema, indexName)) {
                return "it left no INVALID index";
            }
            drop(schema, indexName, CLEANUP_TIMEOUT);
            return "the INVALID index it left was dropped";
        } catch (SQLException | IndexBuildException e) {
            failure.addSuppressed(e);
            return "the INVALID index it may have left could not be dropped: " + e.getMessage();
        }
    }

    private boolean invalid(String schema, String indexName) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INDEX_OID)) {
            ps.setString(1, schema);
            ps.setString(2, indexName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && !rs.getBoolean(2);
            }
        }
    }

    private static void requireConcurrentCreate(String sql) {
        Objects.requireNonNull(sql, "createIndexConcurrentlySql");
        if (!CREATE_CONCURRENTLY.matcher(sql).matches()) {
            throw new IllegalArgumentException(
                    "Only CREATE [UNIQUE] INDEX CONCURRENTLY is run here, got: " + sql.strip());
        }
        try {
            int statements =
                    Parser.parseJdbcSql(sql, true, false, true, false, true).size();
            if (statements != 1) {
                throw new IllegalArgumentException(
                        "One statement per build, the text holds " + statements + ": " + sql.strip());
            }
        } catch (SQLException e) {
            throw new IllegalArgumentException("Cannot read the statement: " + e.getMessage(), e);
        }
    }

    private static void requireTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    private static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches()
                ? identifier
                : '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
