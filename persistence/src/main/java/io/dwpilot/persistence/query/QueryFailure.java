package io.dwpilot.persistence.query;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A statement PostgreSQL refused or stopped, classified for the caller: the SQLSTATE, PostgreSQL's own message and,
 * for syntax errors, the 1-based character position it points at; once the gateway logged the execution, its query
 * id too (so that a caller can find the failure in the query log).
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
        /**
         * The statement cannot run the way the front door runs statements: it must run outside a transaction block
         * (VACUUM, CREATE INDEX CONCURRENTLY, ...; SQLSTATE 25001) or needs what the connection does not offer (0A000).
         */
        UNSUPPORTED,
        /**
         * The statement went beyond a limit the server puts on one session, such as its role's temp_file_limit
         * (SQLSTATE 53400): the statement asks for too much, not the server being short.
         */
        RESOURCE_LIMIT,
        /** No connection could be had from the pool in time. */
        NO_CONNECTION,
        /** Anything else PostgreSQL reported (data errors, conflicts, lost connections). */
        EXECUTION_ERROR
    }

    private final Kind kind;
    private final String sqlState;
    private final Integer position;
    private final Long queryId;

    public QueryFailure(Kind kind, String sqlState, String message, Integer position, Throwable cause) {
        this(kind, sqlState, message, position, cause, null);
    }

    private QueryFailure(Kind kind, String sqlState, String message, Integer position, Throwable cause, Long queryId) {
        super(message, cause);
        this.kind = kind;
        this.sqlState = sqlState;
        this.position = position;
        this.queryId = queryId;
    }

    /** The same failure, naming the query id the execution was logged under. */
    public QueryFailure withQueryId(long id) {
        QueryFailure copy = new QueryFailure(kind, sqlState, getMessage(), position, getCause(), id);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    public OptionalLong queryId() {
        return queryId == null ? OptionalLong.empty() : OptionalLong.of(queryId);
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
