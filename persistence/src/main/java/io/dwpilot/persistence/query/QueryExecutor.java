package io.dwpilot.persistence.query;

import io.dwpilot.persistence.access.UserSessions;
import io.dwpilot.persistence.access.UserSessions.UserSession;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs one statement per request in a user session of the request's role ({@link UserSessions}: the session is
 * reset when it goes back to its pool): inside its own transaction, with a statement timeout, a row cap and a byte
 * cap ({@link ResultReader}), a read-only transaction for analysts, and a transaction-local work_mem when the request
 * names one. EXPLAIN runs the same way, in a transaction that is always rolled back.
 * Blocking: call it from a dedicated executor, never from an actor's thread.
 */
public final class QueryExecutor {
    private static final String QUERY_CANCELED = "57014";
    private static final String READ_ONLY_TRANSACTION = "25006";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String ACTIVE_SQL_TRANSACTION = "25001";
    private static final String FEATURE_NOT_SUPPORTED = "0A000";
    private static final String CONFIGURATION_LIMIT_EXCEEDED = "53400";
    private static final String PROTOCOL_VIOLATION = "08P01";
    /** PostgreSQL's own plan of one statement; the text after it is one statement, see {@link WireStatements}. */
    private static final String EXPLAIN = "EXPLAIN (FORMAT JSON) ";

    private final UserSessions sessions;

    public QueryExecutor(UserSessions sessions) {
        this.sessions = sessions;
    }

    public QueryResult execute(QueryRequest request) {
        long started = System.nanoTime();
        try (UserSession session = sessions.open(request.role())) {
            Connection connection = session.connection();
            WireStatements.requireOne(connection, request.sql());
            connection.setAutoCommit(false);
            connection.setReadOnly(request.readOnly());
            try (Statement statement = connection.createStatement()) {
                applyLimits(statement, request);
                ResultReader reader = new ResultReader(request);
                reader.prepare(statement);
                boolean isQuery = statement.execute(request.sql());
                QueryResult result = isQuery
                        ? reader.read(statement.getResultSet(), started)
                        : new QueryResult(
                                List.of(),
                                List.of(),
                                Math.max(0, statement.getLargeUpdateCount()),
                                Optional.empty(),
                                Duration.ofNanos(System.nanoTime() - started));
                session.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackKeeping(session, e);
                throw e;
            }
        } catch (SQLException e) {
            throw classify(e, request);
        }
    }

    /**
     * PostgreSQL's plan of the request's statement as JSON, planned (never run) under the request's role, in a
     * read-only transaction that is rolled back, with the request's timeout.
     */
    public String explain(QueryRequest request) {
        try (UserSession session = sessions.open(request.role())) {
            Connection connection = session.connection();
            WireStatements.requireOne(connection, request.sql());
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            String plan;
            try (Statement statement = connection.createStatement()) {
                applyLimits(statement, request);
                try (ResultSet rs = statement.executeQuery(EXPLAIN + request.sql())) {
                    rs.next();
                    plan = rs.getString(1);
                }
            } catch (SQLException | RuntimeException e) {
                rollbackKeeping(session, e);
                throw e;
            }
            session.rollback(); // planning changes nothing: there is nothing to keep
            return plan;
        } catch (SQLException e) {
            throw classify(e, request);
        }
    }

    /**
     * Rolls back after a failure without hiding it: the pool may have closed a connection the failure marked broken
     * (HikariCP counts some SQLSTATEs, such as 0A000, as lost connections), and then the rollback fails too.
     */
    private static void rollbackKeeping(UserSession session, Exception failure) {
        try {
            session.rollback();
        } catch (SQLException late) {
            failure.addSuppressed(late);
        }
    }

    /**
     * Sessions start with the default statement timeout (and return to it when reset), so only a request with
     * another one pays a round trip; both settings end with the statement's transaction.
     */
    private void applyLimits(Statement statement, QueryRequest request) throws SQLException {
        if (!request.timeout().equals(sessions.statementTimeout())) {
            statement.execute(
                    "SET LOCAL statement_timeout = " + request.timeout().toMillis());
        }
        if (request.workMemMb().isPresent()) {
            statement.execute("SET LOCAL work_mem = '" + request.workMemMb().getAsInt() + "MB'");
        }
    }

    private static QueryFailure classify(SQLException e, QueryRequest request) {
        if (e instanceof SQLTransientConnectionException) {
            return new QueryFailure(
                    QueryFailure.Kind.NO_CONNECTION,
                    e.getSQLState(),
                    "No database connection available: " + e.getMessage(),
                    null,
                    e);
        }
        String state = e.getSQLState();
        Integer position = null;
        String message = e.getMessage();
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            // PostgreSQL's detail and hint say why (which role a privilege needs, what to cast): keep them
            message = server.getMessage()
                    + (server.getDetail() == null ? "" : ". " + server.getDetail())
                    + (server.getHint() == null ? "" : " Hint: " + server.getHint());
            position = server.getPosition() > 0 ? server.getPosition() : null;
        }
        QueryFailure.Kind kind;
        if (PROTOCOL_VIOLATION.equals(state)
                && e instanceof PSQLException psql
                && psql.getServerErrorMessage() != null) {
            // the server refused the statement's own message (a $1 with no value bound): the session is fine
            return new QueryFailure(QueryFailure.Kind.INVALID_STATEMENT, state, message, null, e);
        }
        if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
            // the connection broke, or the server is shutting down or starting: worth a retry
            return new QueryFailure(
                    QueryFailure.Kind.NO_CONNECTION, state, "The database connection was lost: " + message, null, e);
        }
        if (QUERY_CANCELED.equals(state)) {
            kind = QueryFailure.Kind.TIMEOUT;
            message = "The statement ran longer than its limit of "
                    + request.timeout().toMillis() + " ms and was cancelled";
        } else if (READ_ONLY_TRANSACTION.equals(state) || INSUFFICIENT_PRIVILEGE.equals(state)) {
            kind = QueryFailure.Kind.NOT_ALLOWED;
        } else if (ACTIVE_SQL_TRANSACTION.equals(state) || FEATURE_NOT_SUPPORTED.equals(state)) {
            kind = QueryFailure.Kind.UNSUPPORTED;
        } else if (CONFIGURATION_LIMIT_EXCEEDED.equals(state)) {
            kind = QueryFailure.Kind.RESOURCE_LIMIT;
            if (message.contains("temp_file_limit")) {
                message += ". The " + request.role().label() + " role's temporary files are capped per session"
                        + " (dwpilot.security.limits." + request.role().label() + ".temp-file-limit): narrow the"
                        + " statement (a filter, a LIMIT inside, fewer columns to sort) or have an administrator raise"
                        + " the limit";
            }
        } else if (state != null && state.startsWith("42")) {
            kind = QueryFailure.Kind.INVALID_STATEMENT;
        } else {
            kind = QueryFailure.Kind.EXECUTION_ERROR;
        }
        return new QueryFailure(kind, state, message, position, e);
    }
}
