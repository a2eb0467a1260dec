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
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * What-if with the hypopg extension: the indexes are hypothetical, known only to the one backend that plans the
 * statement, so nothing is built, locked or written. Each evaluation runs on one connection, in a read-only
 * transaction: it creates the hypothetical indexes, plans the statement, and always ends with
 * {@code hypopg_reset()}, so a pooled connection never carries an index into someone else's plan.
 */
public final class HypoPgWhatIf implements WhatIf {
    /** Planning is fast; a statement that takes longer than this to plan is not worth waiting for. */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final String hypopg;
    private final Duration statementTimeout;
    private final AtomicLong calls = new AtomicLong();

    /**
     * @param hypopgSchema the schema hypopg was installed in ({@link WhatIfs#hypopgSchema} finds it)
     */
    public HypoPgWhatIf(DataSource dataSource, String hypopgSchema) {
        this(dataSource, hypopgSchema, DEFAULT_STATEMENT_TIMEOUT);
    }

    public HypoPgWhatIf(DataSource dataSource, String hypopgSchema, Duration statementTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.hypopg = HypotheticalIndex.quote(Objects.requireNonNull(hypopgSchema, "hypopgSchema"));
        Plans.requireTimeout(statementTimeout, "statementTimeout");
        this.statementTimeout = statementTimeout;
    }

    @Override
    public PlanCost cost(String sql, List<HypotheticalIndex> indexes) {
        List<HypotheticalIndex> candidates = List.copyOf(indexes);
        return withHypotheticalIndexes(sql, candidates, (c, names) -> {
            calls.incrementAndGet();
            return Plans.explain(c, sql, names);
        });
    }

    @Override
    public long calls() {
        return calls.get();
    }

    /**
     * hypopg's estimate of the index's size in bytes, from the table's statistics. It is known to be rough (it
     * ignores fill factor, deduplication and page overheads in places): calibrate before trusting it for a budget.
     */
    public long estimatedSizeBytes(HypotheticalIndex index) {
        String create = index.createSql();
        return withHypotheticalIndexes(create, List.of(), (c, none) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + hypopg + ".hypopg_relation_size(indexrelid)"
                    + " FROM " + hypopg + ".hypopg_create_index(?)")) {
                ps.setString(1, create);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw WhatIfException.of("Estimating the size of a hypothetical index", create, e);
            }
        });
    }

    private interface Work<T> {
        T apply(Connection c, Map<String, HypotheticalIndex> names);
    }

    private <T> T withHypotheticalIndexes(String sql, List<HypotheticalIndex> indexes, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Plans.requireOneStatement(c, sql);
            Plans.requireNoPlaceholders(c, sql);
            c.setReadOnly(true);
            return Plans.rolledBack(
                    c,
                    "What-if with hypopg",
                    sql,
                    () -> {
                        try (Statement s = c.createStatement()) {
                            Plans.setLocalTimeouts(s, statementTimeout, statementTimeout);
                            s.execute("SELECT " + hypopg + ".hypopg_reset()"); // whatever an earlier user may have left
                        }
                        return work.apply(c, create(c, indexes));
                    },
                    () -> {
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT " + hypopg + ".hypopg_reset()"); // hypothetical indexes ignore rollbacks
                        }
                        c.rollback();
                    });
        } catch (SQLException e) {
            throw WhatIfException.of("What-if with hypopg", sql, e);
        }
    }

    private Map<String, HypotheticalIndex> create(Connection c, List<HypotheticalIndex> indexes) {
        Map<String, HypotheticalIndex> names = new LinkedHashMap<>();
        for (HypotheticalIndex index : indexes) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT indexname FROM " + hypopg + ".hypopg_create_index(?)")) {
                ps.setString(1, index.createSql());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    names.put(rs.getString(1), index);
                }
            } catch (SQLException e) {
                throw WhatIfException.of("Creating a hypothetical index", index.createSql(), e);
            }
        }
        return names;
    }
}
