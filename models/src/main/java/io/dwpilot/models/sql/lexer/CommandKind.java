package io.dwpilot.models.sql.lexer;

/**
 * What a statement is, told from its leading keywords, in the spirit of PostgreSQL's command tags. It names the
 * command, not its effects: a {@link #QUERY} may still write through a data-modifying {@code WITH} or a volatile
 * function, and PostgreSQL's privileges remain what decides what a statement may do.
 */
public enum CommandKind {
    /** SELECT, VALUES, TABLE, a parenthesized query, or WITH whose main statement is one of them. */
    QUERY,
    /** SELECT ... INTO: creates a table from the result. */
    SELECT_INTO,
    SHOW,
    /** EXPLAIN without ANALYZE: plans the statement without running it. */
    EXPLAIN,
    /** EXPLAIN ANALYZE (or ANALYSE, or with an ANALYZE option that is not false): runs the statement. */
    EXPLAIN_ANALYZE,
    INSERT,
    UPDATE,
    DELETE,
    MERGE,
    /** CREATE, ALTER, DROP, TRUNCATE, COMMENT, REFRESH, SECURITY LABEL, IMPORT FOREIGN SCHEMA, REINDEX, CLUSTER. */
    DDL,
    /** GRANT, REVOKE, REASSIGN OWNED, DROP OWNED, ALTER DEFAULT PRIVILEGES, CREATE/ALTER/DROP ROLE, USER, GROUP. */
    PRIVILEGES,
    ALTER_SYSTEM,
    COPY,
    LOCK,
    LISTEN,
    UNLISTEN,
    NOTIFY,
    /** PREPARE name AS ...; PREPARE TRANSACTION is {@link #TRANSACTION}. */
    PREPARE,
    EXECUTE,
    DEALLOCATE,
    /** SET, including SET ROLE, SET SESSION AUTHORIZATION, SET TRANSACTION, SET CONSTRAINTS, SET LOCAL. */
    SET,
    RESET,
    DISCARD,
    DO,
    CALL,
    CHECKPOINT,
    LOAD,
    VACUUM,
    ANALYZE,
    /**
     * BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE, PREPARE TRANSACTION, COMMIT
     * PREPARED, ROLLBACK PREPARED.
     */
    TRANSACTION,
    /** DECLARE, FETCH, MOVE, CLOSE. */
    CURSOR,
    /** Anything else, including text that does not start with a keyword. */
    UNKNOWN
}
