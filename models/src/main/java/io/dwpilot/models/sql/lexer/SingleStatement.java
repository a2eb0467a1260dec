package io.dwpilot.models.sql.lexer;

import io.dwpilot.models.sql.SqlSyntaxException;
import java.util.List;

/** The front door's rule: a request holds exactly one statement. */
public final class SingleStatement {
    private SingleStatement() {}

    /**
     * The one statement of the text.
     *
     * @throws SqlSyntaxException when the text holds no statement or several, or something in it is unterminated
     */
    public static SqlStatement of(String sql) {
        List<SqlStatement> statements = SqlStatements.split(sql == null ? "" : sql);
        if (statements.isEmpty()) {
            throw new SqlSyntaxException("No statement: the text is empty or holds only comments");
        }
        if (statements.size() > 1) {
            throw new SqlSyntaxException(
                    "One statement per request: the text holds " + statements.size() + " statements");
        }
        return statements.get(0);
    }
}
