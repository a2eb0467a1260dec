/**
 * Index candidates from the observed workload, the first step of index selection:
 * {@link io.dwpilot.models.index.CandidateGenerator} turns the {@link io.dwpilot.models.sql.QueryAnalysis} of every
 * fingerprint, weighted by how often it runs, into ranked, de-duplicated
 * {@link io.dwpilot.models.index.IndexCandidate}s.
 *
 * <p>Candidates come from equality and range predicates, join keys, GROUP BY and ORDER BY, per table; multi-column
 * candidates (at most {@link io.dwpilot.models.index.IndexCandidate#MAX_WIDTH} keys) put equality columns first, then
 * range, then sort columns, because a B-tree can seek on an equality prefix followed by one range. Covering variants
 * add INCLUDE columns when a query needs few columns of the table. What an
 * {@link io.dwpilot.models.index.ExistingIndex} already serves is never proposed again. Whether a candidate pays is
 * left to what-if evaluation; everything here is pure and deterministic.
 */
package io.dwpilot.models.index;
