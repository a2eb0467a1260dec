package io.dwpilot.models.sql;

import java.time.Duration;
import net.sf.jsqlparser.statement.Statement;

/**
 * Analyzes one SQL statement in PostgreSQL's dialect: what it reads, how it filters, joins, groups and sorts, and its
 * {@link Fingerprint}. Works from the text alone, without a catalog, so an unqualified column in a query over
 * several tables has no table. Thread-safe: each call parses and walks its own tree.
 */
public final class SqlAnalyzer {
    /** Far above hand-written and generated queries; longer text is refused before parsing. */
    public static final int DEFAULT_MAX_LENGTH = 256 * 1024;
    /** The TPC-H queries parse in milliseconds; seconds means JSqlParser's backtracking has run away. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final StatementParser parser;

    public SqlAnalyzer() {
        this(DEFAULT_MAX_LENGTH, DEFAULT_TIMEOUT);
    }

    public SqlAnalyzer(int maxLength, Duration timeout) {
        this.parser = new StatementParser(maxLength, timeout);
    }

    /**
     * @throws SqlSyntaxException when the text is not exactly one statement JSqlParser can parse within the limits,
     *                            or its conditions chain too many ANDs and ORs for the tree walks' recursion
     */
    public QueryAnalysis analyze(String sql) {
        Statement statement = parser.parse(sql);
        try {
            return StatementWalker.walk(statement)
                    .build(StatementKind.of(statement), Fingerprinter.fingerprint(statement));
        } catch (StackOverflowError e) {
            // JSqlParser builds a chain of thousands of ORs (as tools generate) without recursing; walking it recurses
            throw new SqlSyntaxException("the statement nests too deeply to analyze", 0, 0, e);
        }
    }
}
