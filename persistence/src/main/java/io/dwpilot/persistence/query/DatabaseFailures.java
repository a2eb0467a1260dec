package io.dwpilot.persistence.query;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;

/**
 * Tells a database that cannot take a write now (unreachable, restarting, out of room, busy: waiting and trying again
 * is the cure) from a write the database refuses (a value, a constraint: the same write fails again).
 */
final class DatabaseFailures {
    /**
     * admin_shutdown, crash_shutdown, cannot_connect_now (a server stopping, recovering or starting); query_canceled
     * (a statement timeout or an operator's cancel) and lock_not_available (a lock timeout): nothing a row holds.
     */
    private static final Set<String> NOT_NOW = Set.of("57P01", "57P02", "57P03", "57014", "55P03");

    private DatabaseFailures() {}

    static boolean unavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t.getClass().getPackageName().equals("java.net")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && unavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Class 08: connection exception; class 40: transaction rollback (serialization failure, deadlock); class 53:
     * insufficient resources (disk full, out of memory, too many connections): any write would meet them, whatever
     * its rows hold.
     */
    private static boolean unavailable(String sqlState) {
        return sqlState.startsWith("08")
                || sqlState.startsWith("40")
                || sqlState.startsWith("53")
                || NOT_NOW.contains(sqlState);
    }

    /** A log row refused because a row with its query id is already there. */
    static boolean duplicateQueryId(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql
                    && "23505".equals(psql.getSQLState())
                    && psql.getServerErrorMessage() != null
                    && "query_logs_pkey".equals(psql.getServerErrorMessage().getConstraint())) {
                return true;
            }
        }
        return false;
    }

    /** The SQLSTATE PostgreSQL gave, from the first exception in the chain that carries one. */
    static Optional<String> sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** PostgreSQL's own message (without the detail that repeats the failing row), else the exception's. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql
                    && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getMessage() != null) {
                return psql.getServerErrorMessage().getMessage();
            }
        }
        return String.valueOf(failure.getMessage());
    }
}
