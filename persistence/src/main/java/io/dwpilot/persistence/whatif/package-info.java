/**
 * What-if evaluation of hypothetical indexes: what would the planner estimate for a statement if these indexes
 * existed? The indexer asks this for every candidate set it weighs.
 *
 * <p>{@link io.dwpilot.persistence.whatif.WhatIfs#forDatabase(javax.sql.DataSource)} picks the implementation:
 * <ul>
 *   <li>{@link io.dwpilot.persistence.whatif.HypoPgWhatIf} when the hypopg extension is installed: the indexes exist
 *       only in the memory of one backend, cost nothing to build and lock nothing.</li>
 *   <li>{@link io.dwpilot.persistence.whatif.TransactionalWhatIf} otherwise (the embedded default): the indexes are
 *       really built inside a transaction that is always rolled back. Building reads the whole table and holds a
 *       SHARE lock on it (writers wait) until the rollback, so callers should keep candidate sets small and prefer
 *       hypopg wherever it is available.</li>
 * </ul>
 * {@link io.dwpilot.persistence.whatif.CachingWhatIf} wraps either and answers repeated questions from memory.
 *
 * <p>Statements are planned with EXPLAIN (FORMAT JSON), never run. They must be literal SQL: parameter placeholders
 * are not supported (the gateway keeps a representative text of every fingerprint). Text holding several
 * statements is refused. A statement that cannot be planned raises a
 * {@link io.dwpilot.persistence.whatif.WhatIfException} that names the SQLSTATE.
 */
package io.dwpilot.persistence.whatif;
