/**
 * SQL analysis and fingerprints: {@link io.dwpilot.models.sql.SqlAnalyzer} parses one PostgreSQL statement with
 * JSqlParser 5.3 and returns a {@link io.dwpilot.models.sql.QueryAnalysis}: tables, columns by role, predicates,
 * joins, aggregates and the {@link io.dwpilot.models.sql.Fingerprint} that groups statements by shape.
 *
 * <p>Two JSqlParser 5.3 behaviours shape the code: an IN list followed by AND or OR is parsed with the rest of the
 * condition hung under the IN ({@code InPrecedenceRepair} undoes it where conditions are read), and the complex
 * grammar backtracks exponentially with nesting ({@code StatementParser} tries the simple grammar first and bounds
 * the time).
 */
package io.dwpilot.models.sql;
