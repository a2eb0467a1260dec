package io.dwpilot.persistence.whatif;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * What-if without hypopg: each candidate is really built with {@code CREATE INDEX} inside one transaction, the
 * statement is planned with EXPLAIN (no ANALYZE: a B-tree's size is known from the build), and the transaction is
 * rolled back, always, also when a build or the plan fails. Nothing is ever committed.
 *
 * <p><b>Cost and locking.</b> A build reads the whole table and takes a SHARE lock on it that lasts until the
 * rollback: reads go on, but INSERT, UPDATE and DELETE on that table wait for the evaluation to end. Every statement
 * of an evaluation runs under {@code statement_timeout} (each build, and the plan, gets its own) and
 * {@code lock_timeout}, so a build on a big or busy table fails with a {@link WhatIfException} instead of hanging
 * the caller or queueing writers behind it for long. Prefer {@link HypoPgWhatIf} wherever hypopg is installed, and
 * keep candidate sets small here. The connection must be allowed to run DDL (the system pool).
 *
 * <p><b>Limit.</b> An index built over a table with broken HOT chains is marked {@code indcheckxmin} and the planner
 * ignores it in the transaction that built it; such an evaluation cannot judge the index and raises a
 * {@link WhatIfException} rather than report a cost without it.
 */
public final class TransactionalWhatIf implements WhatIf {
    /** Long enough to build an index on a few million rows; a bigger table should use hypopg. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    /** A what-if must never queue behind a long writer, nor make the writers after it queue for long. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    private static final String NAME_PREFIX = "dwpilot_whatif_";

    private final DataSource dataSource;
    private final Duration statementTimeout;
    private final Duration lockTimeout;
    private final AtomicLong calls = new AtomicLong();

    public TransactionalWhatIf(DataSource dataSource) {
        this(dataSource, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_LOCK_TIMEOUT);
    }

    public TransactionalWhatIf(DataSource dataSource, Duration statementTimeout, Duration lockTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Plans.requireTimeout(statementTimeout, "statementTimeout");
        Plans.requireTimeout(lockTimeout, "lockTimeout");
        this.statementTimeout = statementTimeout;
        this.lockTimeout = lockTimeout;
    }

    public Duration statementTimeout() {
        return statementTimeout;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    @Override
    public PlanCost cost(String sql, List<HypotheticalIndex> indexes) {
        List<HypotheticalIndex> candidates = List.copyOf(indexes);
        try (Connection c = dataSource.getConnection()) {
            Plans.requireOneStatement(c, sql);
            Plans.requireNoPlaceholders(c, sql);
            return Plans.rolledBack(
                    c,
                    "Transactional what-if",
                    sql,
                    () -> {
                        try (Statement s = c.createStatement()) {
                            Plans.setLocalTimeouts(s, statementTimeout, lockTimeout);
                        }
                        Map<String, HypotheticalIndex> names = build(c, candidates);
                        calls.incrementAndGet();
                        return Plans.explain(c, sql, names);
                    },
                    () -> {});
        } catch (SQLException e) {
            throw WhatIfException.of("Transactional what-if", sql, e);
        }
    }

    @Override
    public long calls() {
        return calls.get();
    }

    private static Map<String, HypotheticalIndex> build(Connection c, List<HypotheticalIndex> indexes) {
        Map<String, HypotheticalIndex> names = new LinkedHashMap<>();
        // A random stem: the name lives only inside this transaction but must not meet a real index in the schema.
        String stem = NAME_PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + '_';
        for (HypotheticalIndex index : indexes) {
            String name = stem + names.size();
            try (Statement s = c.createStatement()) {
                s.execute(index.createSql(name));
            } catch (SQLException e) {
                throw WhatIfException.of("Building a candidate index", index.createSql(), e);
            }
            requireUsableNow(c, index, name);
            names.put(name, index);
        }
        return names;
    }

    private static void requireUsableNow(Connection c, HypotheticalIndex index, String name) {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT indcheckxmin FROM pg_index WHERE indexrelid = ?::regclass")) {
            ps.setString(1, HypotheticalIndex.quote(index.schema()) + '.' + HypotheticalIndex.quote(name));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new WhatIfException(
                            "The planner cannot use " + index.createSql() + " in the transaction"
                                    + " that built it (the table has broken HOT chains, so the index is marked indcheckxmin):"
                                    + " a transactional what-if cannot judge it; hypopg can",
                            null,
                            null);
                }
            }
        } catch (SQLException e) {
            throw WhatIfException.of("Checking a candidate index", index.createSql(), e);
        }
    }
}
