package io.dwpilot.persistence.whatif;

import io.dwpilot.persistence.query.WireStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;

/** What both what-if implementations share: the one-statement check, timeouts, EXPLAIN and reading its JSON. */
final class Plans {
    // PostgreSQL reads the JSON, as PlanStore does: the total cost, rows and every "Index Name" anywhere in the tree.
    private static final String READ_PLAN = """
            SELECT (p -> 0 -> 'Plan' ->> 'Total Cost')::float8, (p -> 0 -> 'Plan' ->> 'Plan Rows')::float8,
                   ARRAY(SELECT DISTINCT i #>> '{}' FROM jsonb_path_query(p, 'strict $.**."Index Name"') i)
            FROM (SELECT ?::jsonb AS p) plan""";

    private Plans() {}

    /** Refuses text the driver would send as several statements: see {@link WireStatements}. */
    static void requireOneStatement(Connection c, String sql) throws SQLException {
        try {
            WireStatements.requireOne(c, sql);
        } catch (SQLException e) {
            throw new WhatIfException(e.getMessage() + " -- statement: " + sql.strip(), "42601", null);
        }
    }

    /**
     * Refuses {@code $1}-style parameter placeholders: EXPLAIN needs literal SQL. They are caught here rather than by
     * the server because a placeholder without a bound value is a protocol violation (08P01) for the extended query
     * protocol, which makes the pool throw the connection away.
     */
    static void requireNoPlaceholders(Connection c, String sql) throws SQLException {
        if (hasPlaceholder(sql, standardStrings(c))) {
            throw new WhatIfException(
                    "Parameter placeholders are not supported (SQLSTATE 42P02): what-if plans"
                            + " literal SQL -- statement: " + sql.strip(),
                    "42P02",
                    null);
        }
    }

    /** True when the text holds a {@code $n} placeholder outside strings, quoted names and comments. */
    static boolean hasPlaceholder(String sql, boolean standardStrings) {
        char[] q = sql.toCharArray();
        for (int i = 0; i < q.length; i++) {
            switch (q[i]) {
                case '\'' -> i = Parser.parseSingleQuotes(q, i, standardStrings);
                case '"' -> i = Parser.parseDoubleQuotes(q, i);
                case '-' -> i = Parser.parseLineComment(q, i);
                case '/' -> i = Parser.parseBlockComment(q, i);
                case '$' -> {
                    int end = Parser.parseDollarQuotes(q, i);
                    if (end != i) {
                        i = end;
                    } else if (i + 1 < q.length
                            && Character.isDigit(q[i + 1])
                            && (i == 0 || !Parser.isIdentifierContChar(q[i - 1]))) {
                        return true;
                    }
                }
                default -> {
                    // plain code
                }
            }
        }
        return false;
    }

    private static boolean standardStrings(Connection c) throws SQLException {
        return !c.isWrapperFor(BaseConnection.class)
                || c.unwrap(BaseConnection.class).getStandardConformingStrings();
    }

    /** Something to run on the evaluation's connection. */
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Cleanup on the evaluation's connection, after its rollback. */
    interface SqlCleanup {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction that is always rolled back, then {@code cleanup}. When the work fails, a
     * failing rollback or cleanup is attached to its exception instead of hiding it.
     */
    static <T> T rolledBack(Connection c, String what, String sql, SqlWork<T> work, SqlCleanup cleanup)
            throws SQLException {
        c.setAutoCommit(false);
        T result;
        try {
            result = work.run();
        } catch (SQLException | RuntimeException e) {
            RuntimeException primary =
                    e instanceof SQLException failure ? WhatIfException.of(what, sql, failure) : (RuntimeException) e;
            try {
                c.rollback();
                cleanup.run();
            } catch (SQLException | RuntimeException late) {
                primary.addSuppressed(late);
            }
            throw primary;
        }
        c.rollback();
        cleanup.run();
        return result;
    }

    /** Statement and lock timeouts for the rest of the current transaction. */
    static void setLocalTimeouts(Statement s, Duration statementTimeout, Duration lockTimeout) throws SQLException {
        s.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
        s.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
    }

    /**
     * EXPLAIN (FORMAT JSON) without ANALYZE, read on the same connection.
     *
     * @param candidates the hypothetical indexes by the name the plan would show for them
     */
    static PlanCost explain(Connection c, String sql, Map<String, HypotheticalIndex> candidates) {
        String plan;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
            rs.next();
            plan = rs.getString(1);
        } catch (SQLException e) {
            throw WhatIfException.of("Planning", sql, e);
        }
        try (PreparedStatement ps = c.prepareStatement(READ_PLAN)) {
            ps.setString(1, plan);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> names = Arrays.asList((String[]) rs.getArray(3).getArray());
                List<HypotheticalIndex> used = new ArrayList<>();
                candidates.forEach((name, index) -> {
                    if (names.contains(name) && !used.contains(index)) {
                        used.add(index);
                    }
                });
                return new PlanCost(rs.getDouble(1), rs.getDouble(2), names, used);
            }
        } catch (SQLException e) {
            throw WhatIfException.of("Reading the plan", sql, e);
        }
    }

    static void requireTimeout(Duration timeout, String what) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + timeout);
        }
    }
}
