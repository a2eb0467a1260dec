package io.dwpilot.gateway;

import io.dwpilot.models.sql.lexer.CommandKind;
import io.dwpilot.models.sql.lexer.SqlStatement;
import io.dwpilot.models.sql.lexer.SqlToken;
import io.dwpilot.persistence.access.DatabaseRole;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the front door refuses before PostgreSQL sees it, by the statement's command kind (told by the lexer, which
 * reads every text): friendly, early refusals that say why. They are not the security boundary — the roles'
 * privileges in PostgreSQL are — but they fail closed: an analyst's statement runs only when it is a kind known to
 * read.
 */
final class StatementPolicy {
    /** What the analyst role may run: reads, and plans of reads. */
    private static final Set<CommandKind> READS = Set.of(CommandKind.QUERY, CommandKind.SHOW);
    /** What EXPLAIN can plan. */
    private static final Set<CommandKind> EXPLAINABLE = Set.of(
            CommandKind.QUERY,
            CommandKind.SELECT_INTO,
            CommandKind.INSERT,
            CommandKind.UPDATE,
            CommandKind.DELETE,
            CommandKind.MERGE);

    private StatementPolicy() {}

    /** Why {@code role} may not execute {@code statement}, or empty when it may. */
    static Optional<GatewayRejection> forExecution(DatabaseRole role, SqlStatement statement) {
        CommandKind kind = statement.kind();
        if (kind == CommandKind.TRANSACTION) {
            return refuse(
                    GatewayRejection.Reason.UNSUPPORTED,
                    "Each request runs in a transaction of its own and" + " ends with it: " + words(statement)
                            + " has nothing to act on here");
        }
        if (kind == CommandKind.COPY && streamsThroughTheClient(statement)) {
            return refuse(
                    GatewayRejection.Reason.UNSUPPORTED,
                    "COPY ... TO STDOUT and FROM STDIN stream rows through"
                            + " the client's connection, which an HTTP request does not hold: select the rows instead");
        }
        if (kind == CommandKind.PRIVILEGES && managesRoles(statement)) {
            return forbid("Roles are dwpilot's to keep: creating, changing or dropping a role (even the password of"
                    + " the role you run as, which dwpilot's own sessions log in with) is done by a DBA");
        }
        if (kind == CommandKind.ALTER_SYSTEM) {
            return forbid("ALTER SYSTEM changes the server's configuration, which only a superuser may do; dwpilot"
                    + " never runs users' statements as one");
        }
        if (role == DatabaseRole.ADMIN) {
            return Optional.empty(); // the admin role's privileges in PostgreSQL decide the rest
        }
        boolean reads = READS.contains(kind)
                || ((kind == CommandKind.EXPLAIN || kind == CommandKind.EXPLAIN_ANALYZE)
                        && statement.explained().filter(READS::contains).isPresent());
        if (reads) {
            return Optional.empty();
        }
        if (kind == CommandKind.UNKNOWN) {
            return forbid("The analyst role may only run statements known to read (SELECT, VALUES, TABLE, WITH ..."
                    + " SELECT, SHOW, EXPLAIN of those), and dwpilot cannot tell what this one does");
        }
        return forbid(label(statement) + " statements need the admin role: the analyst role may only read (SELECT,"
                + " VALUES, TABLE, WITH ... SELECT, SHOW, EXPLAIN of those)");
    }

    /** Why {@code role} may not have {@code statement} planned, or empty when it may. */
    static Optional<GatewayRejection> forPlan(DatabaseRole role, SqlStatement statement) {
        if (!EXPLAINABLE.contains(statement.kind())) {
            return refuse(
                    GatewayRejection.Reason.UNSUPPORTED,
                    "EXPLAIN plans SELECT, VALUES, TABLE, WITH, SELECT"
                            + " INTO, INSERT, UPDATE, DELETE and MERGE; " + label(statement)
                            + " is none of those (send the"
                            + " statement itself, without EXPLAIN)");
        }
        return forExecution(role, statement);
    }

    /** CREATE, ALTER or DROP of a ROLE, USER or GROUP (not GRANT or REVOKE on objects). */
    private static boolean managesRoles(SqlStatement statement) {
        String text = statement.text();
        List<SqlToken> words = statement.tokens().stream()
                .filter(t -> !t.type().isTrivia())
                .limit(2)
                .toList();
        return words.size() == 2
                && Stream.of("create", "alter", "drop")
                        .anyMatch(w -> words.get(0).isWord(text, w))
                && Stream.of("role", "user", "group").anyMatch(w -> words.get(1).isWord(text, w));
    }

    private static boolean streamsThroughTheClient(SqlStatement statement) {
        String text = statement.text();
        return statement.tokens().stream().anyMatch(t -> t.isWord(text, "stdin") || t.isWord(text, "stdout"));
    }

    private static String label(SqlStatement statement) {
        return switch (statement.kind()) {
            case EXPLAIN, EXPLAIN_ANALYZE ->
                words(statement) + " of "
                        + statement.explained().map(StatementPolicy::name).orElse("an unknown statement");
            case UNKNOWN -> words(statement);
            default -> name(statement.kind());
        };
    }

    private static String name(CommandKind kind) {
        return kind.name().replace('_', ' ');
    }

    /** The statement's first word as written, upper-cased (COMMIT, ROLLBACK, EXPLAIN ...). */
    private static String words(SqlStatement statement) {
        String text = statement.text().strip();
        int end = 0;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return end == 0 ? "this statement" : text.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static Optional<GatewayRejection> forbid(String message) {
        return refuse(GatewayRejection.Reason.FORBIDDEN, message);
    }

    private static Optional<GatewayRejection> refuse(GatewayRejection.Reason reason, String message) {
        return Optional.of(new GatewayRejection(reason, message, 0));
    }
}
