package io.dwpilot.models.sql.lexer;

import static io.dwpilot.models.sql.lexer.CommandKind.*;

import io.dwpilot.models.sql.lexer.SqlToken.Type;
import java.util.List;
import java.util.Optional;

/**
 * Tells a statement's {@link CommandKind} from its leading keywords, as PostgreSQL's grammar would choose its
 * command. Where the words leave a doubt about running or only planning, it picks the kind that runs: an
 * {@code EXPLAIN} option {@code ANALYZE} counts unless its value is plainly false.
 */
final class CommandClassifier {
    /** The kind, and for EXPLAIN the kind of the statement it explains. */
    record Command(CommandKind kind, Optional<CommandKind> explained) {}

    private final TokenCursor cursor;

    private CommandClassifier(TokenCursor cursor) {
        this.cursor = cursor;
    }

    static Command classify(String sql, List<SqlToken> tokens) {
        CommandClassifier classifier = new CommandClassifier(new TokenCursor(sql, tokens));
        if (classifier.cursor.acceptWord("explain")) {
            boolean analyze = classifier.explainAnalyzes();
            return new Command(analyze ? EXPLAIN_ANALYZE : EXPLAIN, Optional.of(classifier.command()));
        }
        return new Command(classifier.command(), Optional.empty());
    }

    private CommandKind command() {
        if (cursor.peekIs(0, Type.LEFT_PAREN)) {
            return parenthesizedQuery();
        }
        String word = cursor.word();
        if (word == null) {
            return UNKNOWN;
        }
        cursor.advance();
        return switch (word) {
            case "select" -> select();
            case "values", "table" -> QUERY;
            case "with" -> with();
            case "show" -> SHOW;
            case "insert" -> INSERT;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            case "merge" -> MERGE;
            case "create" -> roleOrDdl();
            case "alter" -> alter();
            case "drop" -> cursor.peekWord("owned") ? PRIVILEGES : roleOrDdl();
            case "truncate", "comment", "refresh", "reindex", "cluster" -> DDL;
            case "security" -> cursor.peekWord("label") ? DDL : UNKNOWN;
            case "import" -> cursor.peekWord("foreign") ? DDL : UNKNOWN;
            case "grant", "revoke" -> PRIVILEGES;
            case "reassign" -> cursor.peekWord("owned") ? PRIVILEGES : UNKNOWN;
            case "copy" -> COPY;
            case "lock" -> LOCK;
            case "listen" -> LISTEN;
            case "unlisten" -> UNLISTEN;
            case "notify" -> NOTIFY;
            case "prepare" -> prepare();
            case "execute" -> EXECUTE;
            case "deallocate" -> DEALLOCATE;
            case "set" -> SET;
            case "reset" -> RESET;
            case "discard" -> DISCARD;
            case "do" -> DO;
            case "call" -> CALL;
            case "checkpoint" -> CHECKPOINT;
            case "load" -> LOAD;
            case "vacuum" -> VACUUM;
            case "analyze", "analyse" -> ANALYZE;
            case "begin", "commit", "end", "rollback", "abort", "savepoint", "release" -> TRANSACTION;
            case "start" -> cursor.peekWord("transaction") ? TRANSACTION : UNKNOWN;
            case "declare", "fetch", "move", "close" -> CURSOR;
            default -> UNKNOWN;
        };
    }

    /**
     * After SELECT: an INTO outside parentheses makes a table. INTO after AS or a dot is a column's name; inside
     * parentheses PostgreSQL refuses it, except around the whole query, whose parentheses have closed when the
     * depth goes below zero.
     */
    private CommandKind select() {
        int depth = 0;
        while (!cursor.atEnd()) {
            SqlToken token = cursor.peek(0);
            if (token.type() == Type.LEFT_PAREN) {
                depth++;
            } else if (token.type() == Type.RIGHT_PAREN) {
                depth--;
            } else if (depth <= 0 && cursor.peekWord("into") && !isLabelPosition(cursor.previous())) {
                return SELECT_INTO;
            }
            cursor.advance();
        }
        return QUERY;
    }

    private boolean isLabelPosition(SqlToken previous) {
        return previous != null && (cursor.isWord(previous, "as") || ".".equals(cursor.text(previous)));
    }

    /** {@code (SELECT ...)}, {@code ((VALUES ...))}, {@code (WITH ...)}. */
    private CommandKind parenthesizedQuery() {
        // the INTO check counts depth from inside the parentheses around the query
        cursor.skipWhile(Type.LEFT_PAREN);
        if (cursor.acceptWord("select")) {
            return select();
        } else if (cursor.peekWord("values") || cursor.peekWord("table")) {
            return QUERY;
        } else if (cursor.acceptWord("with")) {
            return with();
        }
        return UNKNOWN;
    }

    /**
     * Skips the common table expressions, {@code [RECURSIVE] name [(columns)] AS [NOT] [MATERIALIZED] (...)
     * [SEARCH ... SET column] [CYCLE ... USING column]}, separated by commas, to the main statement.
     */
    private CommandKind with() {
        cursor.acceptWord("recursive");
        do {
            if (!(cursor.accept(Type.IDENTIFIER)
                    || cursor.accept(Type.QUOTED_IDENTIFIER)
                    || cursor.accept(Type.UNICODE_IDENTIFIER))) {
                return UNKNOWN;
            }
            if (cursor.peekIs(0, Type.LEFT_PAREN)) {
                cursor.skipParenthesized();
            }
            if (!cursor.acceptWord("as")) {
                return UNKNOWN;
            }
            cursor.acceptWord("not");
            cursor.acceptWord("materialized");
            if (!cursor.peekIs(0, Type.LEFT_PAREN)) {
                return UNKNOWN;
            }
            cursor.skipParenthesized();
            if (cursor.acceptWord("search") && !skipClauseEndingWith("set")) {
                return UNKNOWN;
            }
            if (cursor.acceptWord("cycle") && !skipClauseEndingWith("using")) {
                return UNKNOWN;
            }
        } while (cursor.accept(Type.COMMA));
        return mainOfWith();
    }

    /** SEARCH ends with {@code SET column}, CYCLE with {@code USING column}. */
    private boolean skipClauseEndingWith(String word) {
        if (!cursor.skipPastWord(word) || cursor.atEnd()) {
            return false;
        }
        cursor.advance();
        return true;
    }

    private CommandKind mainOfWith() {
        if (cursor.peekIs(0, Type.LEFT_PAREN)) {
            return parenthesizedQuery();
        }
        String word = cursor.word();
        if (word == null) {
            return UNKNOWN;
        }
        cursor.advance();
        return switch (word) {
            case "select" -> select();
            case "values", "table" -> QUERY;
            case "insert" -> INSERT;
            case "update" -> UPDATE;
            case "delete" -> DELETE;
            case "merge" -> MERGE;
            default -> UNKNOWN;
        };
    }

    /** CREATE, ALTER or DROP of a ROLE, USER or GROUP is about privileges; of a USER MAPPING, about schema. */
    private CommandKind roleOrDdl() {
        if (cursor.peekWord("role") || cursor.peekWord("group")) {
            return PRIVILEGES;
        }
        if (cursor.peekWord("user")) {
            boolean mapping = cursor.peekWord(1, "mapping") && (cursor.peekWord(2, "for") || cursor.peekWord(2, "if"));
            return mapping ? DDL : PRIVILEGES;
        }
        return DDL;
    }

    private CommandKind alter() {
        if (cursor.peekWord("system")) {
            return ALTER_SYSTEM;
        }
        if (cursor.peekWord("default") && cursor.peekWord(1, "privileges")) {
            return PRIVILEGES;
        }
        return roleOrDdl();
    }

    /** {@code PREPARE TRANSACTION 'id'}, but {@code PREPARE transaction AS ...} prepares a statement so named. */
    private CommandKind prepare() {
        boolean namedTransaction = cursor.peekWord(1, "as") || cursor.peekIs(1, Type.LEFT_PAREN);
        return cursor.peekWord("transaction") && !namedTransaction ? TRANSACTION : PREPARE;
    }

    /**
     * Reads what follows EXPLAIN up to the explained statement: {@code ANALYZE [VERBOSE]}, {@code VERBOSE}, or an
     * option list; true when the statement will run.
     */
    private boolean explainAnalyzes() {
        if (cursor.acceptWord("analyze") || cursor.acceptWord("analyse")) {
            cursor.acceptWord("verbose");
            return true;
        }
        if (cursor.acceptWord("verbose")) {
            return false;
        }
        // EXPLAIN (SELECT 1) explains a parenthesized query, not options
        boolean optionList = cursor.peekIs(0, Type.LEFT_PAREN) && !startsQuery(1);
        return optionList && ExplainOptions.analyze(cursor);
    }

    private boolean startsQuery(int ahead) {
        return cursor.peekIs(ahead, Type.LEFT_PAREN)
                || cursor.peekWord(ahead, "select")
                || cursor.peekWord(ahead, "values")
                || cursor.peekWord(ahead, "table")
                || cursor.peekWord(ahead, "with");
    }
}
