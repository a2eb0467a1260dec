package io.dwpilot.models.sql.lexer;

import io.dwpilot.models.sql.lexer.SqlToken.Type;

/**
 * Which semicolons end a statement, told token by token as psql tells them. Not one inside parentheses: a rule's
 * actions, {@code DO INSTEAD (INSERT ...; DELETE ...)}, are one statement. Nor one in the body of
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END}.
 *
 * <p>psql closes such a body at the END that matches BEGIN, counting CASE ... END on the way; but CASE and END are
 * also column names ({@code SELECT 1 AS case}), which would make it count past PostgreSQL's END and take the next
 * statement for part of the body. Here the body closes at its first END outside parentheses: at PostgreSQL's END
 * or before it, so a CASE in a body only makes one statement look like several, never several like one.
 */
final class StatementEnds {
    /** How far the statement's first words go towards CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
    private enum Lead {
        START,
        CREATE,
        OR,
        REPLACE,
        ROUTINE,
        OTHER
    }

    private final String sql;
    private Lead lead = Lead.START;
    private int depth;
    private boolean afterBegin;
    private boolean inBody;

    StatementEnds(String sql) {
        this.sql = sql;
    }

    /** Takes the next token; true when it is a semicolon that ends the statement, after which a new one starts. */
    boolean endsStatement(SqlToken token) {
        Type type = token.type();
        if (type.isTrivia()) {
            return false;
        }
        if (type == Type.SEMICOLON && depth == 0 && !inBody) {
            lead = Lead.START;
            afterBegin = false;
            return true;
        }
        if (type == Type.LEFT_PAREN) {
            depth++;
        } else if (type == Type.RIGHT_PAREN && depth > 0) {
            depth--;
        }
        lead = next(lead, token);
        if (lead == Lead.ROUTINE && depth == 0) {
            if (afterBegin && token.isWord(sql, "atomic")) {
                inBody = true;
            } else if (inBody && token.isWord(sql, "end")) {
                inBody = false;
            }
            afterBegin = token.isWord(sql, "begin");
        }
        return false;
    }

    private Lead next(Lead current, SqlToken token) {
        return switch (current) {
            case START -> token.isWord(sql, "create") ? Lead.CREATE : Lead.OTHER;
            case CREATE -> token.isWord(sql, "or") ? Lead.OR : routine(token);
            case OR -> token.isWord(sql, "replace") ? Lead.REPLACE : Lead.OTHER;
            case REPLACE -> routine(token);
            case ROUTINE, OTHER -> current;
        };
    }

    private Lead routine(SqlToken token) {
        return token.isWord(sql, "function") || token.isWord(sql, "procedure") ? Lead.ROUTINE : Lead.OTHER;
    }
}
