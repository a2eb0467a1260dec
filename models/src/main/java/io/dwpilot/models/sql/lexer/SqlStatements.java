package io.dwpilot.models.sql.lexer;

import io.dwpilot.models.sql.SqlSyntaxException;
import java.util.ArrayList;
import java.util.List;

/** Splits SQL text into statements where PostgreSQL would, on the tokens of {@link SqlLexer}. */
public final class SqlStatements {
    private SqlStatements() {}

    /**
     * The statements of the text, in order. Semicolons end statements (not inside parentheses or a
     * {@code BEGIN ATOMIC} function body); empty statements, as {@code ;;} or a trailing semicolon leave, and
     * stretches of only whitespace and comments are no statements.
     *
     * @throws SqlSyntaxException when {@link SqlLexer#tokenize(String)} finds something unterminated
     */
    public static List<SqlStatement> split(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        StatementEnds ends = new StatementEnds(sql);
        List<SqlStatement> statements = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (ends.endsStatement(tokens.get(i))) {
                addStatement(sql, tokens.subList(from, i), statements);
                from = i + 1;
            }
        }
        addStatement(sql, tokens.subList(from, tokens.size()), statements);
        return List.copyOf(statements);
    }

    /** Keeps leading comments (they often tell where a statement comes from); drops leading spaces and the tail. */
    private static void addStatement(String sql, List<SqlToken> tokens, List<SqlStatement> statements) {
        int first = 0;
        while (first < tokens.size() && tokens.get(first).type() == SqlToken.Type.WHITESPACE) {
            first++;
        }
        int last = tokens.size() - 1;
        while (last >= first && tokens.get(last).type().isTrivia()) {
            last--;
        }
        if (last >= first) {
            statements.add(new SqlStatement(sql, tokens.subList(first, last + 1)));
        }
    }
}
