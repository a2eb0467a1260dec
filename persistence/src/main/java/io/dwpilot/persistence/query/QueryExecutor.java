package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs one statement per request on the query pool: inside its own transaction, with a statement timeout, a row cap,
 * PostgreSQL's read-only mode when asked (the pool resets the connection's mode when it is returned) and a
 * transaction-local work_mem when the request names one.
 * Blocking: call it from a dedicated executor, never from an actor's thread.
 */
public final class QueryExecutor {
    private static final String QUERY_CANCELED = "57014";
    private static final String READ_ONLY_TRANSACTION = "25006";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private final DataSource queryPool;
    // What statement_timeout each pooled session has; weak keys, so closed connections drop out.
    private final Map<PgConnection, Long> sessionTimeouts = Collections.synchronizedMap(new WeakHashMap<>());

    public QueryExecutor(DataSource queryPool) {
        this.queryPool = queryPool;
    }

    public QueryResult execute(QueryRequest request) {
        if (StatementText.hasSeveralStatements(request.sql())) {
            throw new QueryFailure(QueryFailure.Kind.INVALID_STATEMENT, null,
                    "One statement per request: the text holds several", null, null);
        }
        long started = System.nanoTime();
        try (Connection connection = queryPool.getConnection()) {
            applyTimeout(connection, request.timeout().toMillis());
            connection.setAutoCommit(false);
            connection.setReadOnly(request.readOnly());
            try (Statement statement = connection.createStatement()) {
                if (request.workMemMb().isPresent()) {
                    // Inside the statement's transaction: the commit or rollback below puts the session's back.
                    statement.execute("SET LOCAL work_mem = '" + request.workMemMb().getAsInt() + "MB'");
                }
                // One row beyond the cap tells whether the result was truncated.
                statement.setMaxRows(request.maxRows() == Integer.MAX_VALUE ? 0 : request.maxRows() + 1);
                statement.setFetchSize(Math.min(1000, Math.max(1, request.maxRows())));
                boolean isQuery = statement.execute(request.sql());
                QueryResult result = isQuery
                        ? read(statement.getResultSet(), request.maxRows(), started)
                        : new QueryResult(List.of(), List.of(), Math.max(0, statement.getLargeUpdateCount()), false,
                                Duration.ofNanos(System.nanoTime() - started));
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw classify(e, request);
        }
    }

    /**
     * Sets the session's statement_timeout only when it differs from what this connection already has: most
     * requests use the default, and a round trip per statement would cost more than a point lookup's execution.
     * Set outside the statement's transaction, so that a rollback does not undo it.
     */
    private void applyTimeout(Connection connection, long timeoutMillis) throws SQLException {
        PgConnection physical = connection.unwrap(PgConnection.class);
        if (Long.valueOf(timeoutMillis).equals(sessionTimeouts.get(physical))) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET statement_timeout = " + timeoutMillis);
        }
        sessionTimeouts.put(physical, timeoutMillis);
    }

    private static QueryResult read(ResultSet rs, int maxRows, long started) throws SQLException {
        try (rs) {
            ResultSetMetaData meta = rs.getMetaData();
            List<QueryResult.Column> columns = new ArrayList<>(meta.getColumnCount());
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(new QueryResult.Column(meta.getColumnLabel(c), meta.getColumnTypeName(c)));
            }
            List<List<Object>> rows = new ArrayList<>();
            boolean truncated = false;
            while (rs.next()) {
                if (rows.size() == maxRows) {
                    truncated = true;
                    break;
                }
                List<Object> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
                    row.add(JdbcValues.read(rs, c, columns.get(c - 1).type()));
                }
                rows.add(row);
            }
            return new QueryResult(List.copyOf(columns), rows, rows.size(), truncated,
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static QueryFailure classify(SQLException e, QueryRequest request) {
        if (e instanceof SQLTransientConnectionException) {
            return new QueryFailure(QueryFailure.Kind.NO_CONNECTION, e.getSQLState(),
                    "No database connection available: " + e.getMessage(), null, e);
        }
        String state = e.getSQLState();
        Integer position = null;
        String message = e.getMessage();
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            message = server.getMessage();
            position = server.getPosition() > 0 ? server.getPosition() : null;
        }
        QueryFailure.Kind kind;
        if (QUERY_CANCELED.equals(state)) {
            kind = QueryFailure.Kind.TIMEOUT;
            message = "The statement ran longer than its limit of " + request.timeout().toMillis() + " ms and was cancelled";
        } else if (READ_ONLY_TRANSACTION.equals(state) || INSUFFICIENT_PRIVILEGE.equals(state)) {
            kind = QueryFailure.Kind.NOT_ALLOWED;
        } else if (state != null && state.startsWith("42")) {
            kind = QueryFailure.Kind.INVALID_STATEMENT;
        } else {
            kind = QueryFailure.Kind.EXECUTION_ERROR;
        }
        return new QueryFailure(kind, state, message, position, e);
    }
}
