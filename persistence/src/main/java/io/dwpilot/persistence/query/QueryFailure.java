package io.dwpilot.persistence.query;

import java.util.Optional;

/**
 * A statement PostgreSQL refused or stopped, classified for the caller: the SQLSTATE, PostgreSQL's own message and,
 * for syntax errors, the 1-based character position it points at.
 */
public final class QueryFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The text is not valid SQL, or names something that does not exist (SQLSTATE class 42). */
        INVALID_STATEMENT,
        /** The statement ran longer than its timeout. */
        TIMEOUT,
        /** A write in a read-only transaction, or a missing privilege. */
        NOT_ALLOWED,
        /** No connection could be had from the pool in time. */
        NO_CONNECTION,
        /** Anything else PostgreSQL reported (data errors, conflicts, lost connections). */
        EXECUTION_ERROR
    }

    private final Kind kind;
    private final String sqlState;
    private final Integer position;

    public QueryFailure(Kind kind, String sqlState, String message, Integer position, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.sqlState = sqlState;
        this.position = position;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }

    public Optional<Integer> position() {
        return Optional.ofNullable(position);
    }
}
