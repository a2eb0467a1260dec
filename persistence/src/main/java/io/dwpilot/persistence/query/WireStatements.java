package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Parser;

/**
 * How many statements the driver sends for a text. pgjdbc splits a text at semicolons with its own lexer (quotes,
 * E'' strings, dollar quotes, nested comments) and sends each part in a Parse message of its own, which PostgreSQL
 * refuses when it holds more than one command; so a text that passes here runs as exactly one statement.
 */
public final class WireStatements {
    private WireStatements() {}

    /** Throws {@code 42601} unless the driver would send {@code sql} as exactly one statement. */
    public static void requireOne(Connection connection, String sql) throws SQLException {
        int statements = Parser.parseJdbcSql(sql, standardConformingStrings(connection), false, true, false, true)
                .size();
        if (statements != 1) {
            throw new SQLException(
                    statements == 0
                            ? "No statement to run: the text is empty"
                            : "One statement per request: the text holds " + statements,
                    "42601");
        }
    }

    private static boolean standardConformingStrings(Connection c) throws SQLException {
        return !c.isWrapperFor(BaseConnection.class)
                || c.unwrap(BaseConnection.class).getStandardConformingStrings();
    }
}
