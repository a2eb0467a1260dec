/**
 * What the indexer agent reads and writes in the database.
 *
 * <ul>
 *   <li>{@link io.dwpilot.persistence.indexing.IndexWorkloadRepository}: the workload in a window of workload time
 *       from metadata.query_logs (costliest statement shapes, writes per table, latencies for verification).</li>
 *   <li>{@link io.dwpilot.persistence.indexing.OptimizationRepository}: metadata.optimization_history, the
 *       indexer's record of every candidate it weighed, built, kept, reverted or dropped.</li>
 *   <li>{@link io.dwpilot.persistence.indexing.IndexBuilder}: real concurrent index builds and drops on the system
 *       pool, cleaning up the INVALID index a failed build leaves.</li>
 * </ul>
 *
 * <p>All plain JDBC on a {@link javax.sql.DataSource}, every value bound as a parameter (index names, which DDL
 * cannot bind, are quoted).
 */
package io.dwpilot.persistence.indexing;
