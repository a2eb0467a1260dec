/**
 * The index catalog the indexer reads: which indexes exist (with their key and INCLUDE columns, flags, size, scans,
 * partial predicate and definition), which are INVALID (left by a failed {@code CREATE INDEX CONCURRENTLY}), and the
 * statistics of a table (row and page estimates, size, write counters, average column widths).
 *
 * <p>{@link io.dwpilot.persistence.catalog.IndexCatalog} is plain JDBC on a {@link javax.sql.DataSource}: one query
 * per method, every value bound as a parameter. This package defines its own records
 * ({@link io.dwpilot.persistence.catalog.IndexInfo}, {@link io.dwpilot.persistence.catalog.TableStats}) so that
 * persistence stays independent of the models module.
 *
 * <p>Expression index columns (a {@code pg_index.indkey} entry of 0) appear as {@code null} at their position in
 * {@link io.dwpilot.persistence.catalog.IndexInfo#keyColumns()}, so positions (and therefore prefixes) stay true;
 * the full expression is in {@link io.dwpilot.persistence.catalog.IndexInfo#definition()}.
 *
 * <p>Counters from the cumulative statistics system ({@code idx_scan}, {@code n_tup_ins/upd/del}) are flushed by
 * each backend with a short delay, so they may lag the last few statements.
 */
package io.dwpilot.persistence.catalog;
