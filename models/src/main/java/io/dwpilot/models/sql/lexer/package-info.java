/**
 * SQL text as PostgreSQL's scanner reads it, without a parser: {@link io.dwpilot.models.sql.lexer.SqlLexer} splits
 * it into tokens in linear time, {@link io.dwpilot.models.sql.lexer.SqlStatements} into statements where
 * PostgreSQL would end them, {@link io.dwpilot.models.sql.lexer.SingleStatement} holds the front door to one
 * statement per request, and each {@link io.dwpilot.models.sql.lexer.SqlStatement} knows its
 * {@link io.dwpilot.models.sql.lexer.CommandKind} from its leading keywords.
 *
 * <p>This is the early, friendly check: it never counts fewer statements than PostgreSQL would run (a test holds
 * it to that against PostgreSQL itself), but PostgreSQL, with its privileges, remains what decides what runs.
 */
package io.dwpilot.models.sql.lexer;
