package io.dwpilot.models.sql;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

/**
 * Turns SQL text into exactly one JSqlParser statement, or a {@link SqlSyntaxException}.
 *
 * <p>JSqlParser's "complex" grammar (needed by TPC-H Q22's nested subqueries) backtracks exponentially with
 * nesting: ten nested parentheses take over a second, fifteen never finish. So, as JSqlParser's own
 * {@code CCJSqlParserUtil.parse} does, the simple grammar is tried first and the complex one only for shallow
 * nesting. Text longer than the limit is refused before parsing, and both attempts share one deadline: each runs on
 * a pooled daemon thread that the caller stops waiting for when time is up, which also tells JSqlParser to give the
 * parse up. Idle threads end by themselves, so nothing needs closing.
 */
final class StatementParser {
    private final int maxLength;
    private final Duration timeout;
    private final ExecutorService parseThreads;

    StatementParser(int maxLength, Duration timeout) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.maxLength = maxLength;
        this.timeout = timeout;
        AtomicInteger threads = new AtomicInteger();
        this.parseThreads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "dwpilot-sql-parser-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    Statement parse(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new SqlSyntaxException("empty SQL: expected one statement");
        }
        if (sql.length() > maxLength) {
            throw new SqlSyntaxException("SQL of " + sql.length() + " characters is longer than the limit of "
                    + maxLength + "; it was not parsed");
        }
        Statements statements = parseWithin(sql, System.nanoTime() + timeout.toNanos());
        if (statements == null || statements.size() != 1) {
            throw new SqlSyntaxException(
                    "expected one SQL statement, found " + (statements == null ? 0 : statements.size()));
        }
        return statements.get(0);
    }

    private Statements parseWithin(String sql, long deadline) {
        try {
            return attempt(sql, false, deadline);
        } catch (JSQLParserException simple) {
            if (timedOut(simple) || CCJSqlParserUtil.getNestingDepth(sql) > CCJSqlParserUtil.ALLOWED_NESTING_DEPTH) {
                throw translate(simple);
            }
            try {
                return attempt(sql, true, deadline);
            } catch (JSQLParserException complex) {
                throw translate(complex);
            }
        }
    }

    private Statements attempt(String sql, boolean complexGrammar, long deadline) throws JSQLParserException {
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql)
                .withAllowComplexParsing(complexGrammar)
                .withTimeOut(remainingMillis);
        return CCJSqlParserUtil.parseStatements(parser, parseThreads);
    }

    private SqlSyntaxException translate(JSQLParserException e) {
        if (timedOut(e)) {
            return new SqlSyntaxException(
                    "parsing took longer than " + timeout.toMillis() + " ms; the statement is too complex to analyze",
                    0,
                    0,
                    e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StackOverflowError) {
                return new SqlSyntaxException("the statement nests too deeply to parse", 0, 0, e);
            }
        }
        return ParseErrors.describe(e);
    }

    private static boolean timedOut(JSQLParserException e) {
        return e.getCause() instanceof TimeoutException;
    }
}
