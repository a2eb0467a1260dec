package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/** What the warehouse holds, read from the load and ETL bookkeeping (cheap: no scan of the big tables). */
public record WarehouseSummary(
        long loadedBatches,
        long bronzeSalesRows,
        Optional<OffsetDateTime> lastLoadAt,
        Optional<Long> lastEtlRunId,
        Optional<String> lastEtlStatus,
        Optional<OffsetDateTime> lastEtlAt,
        long silverSalesRows,
        long quarantinedRows) {

    public static WarehouseSummary read(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                     SELECT (SELECT count(*) FROM metadata.ingest_batches WHERE status = 'loaded'),
                            (SELECT coalesce(sum(sales_rows), 0) FROM metadata.ingest_batches WHERE status = 'loaded'),
                            (SELECT max(finished_at) FROM metadata.ingest_batches WHERE status = 'loaded'),
                            r.run_id, r.status, r.finished_at,
                            (SELECT coalesce(sum(rows_out), 0) FROM metadata.etl_steps WHERE step = 'silver.sales_cleaned'),
                            (SELECT coalesce(sum(rows_rejected), 0) FROM metadata.etl_steps WHERE step LIKE 'silver.%')
                     FROM (SELECT 1) one
                     LEFT JOIN LATERAL (SELECT run_id, status, finished_at FROM metadata.etl_runs
                                        ORDER BY run_id DESC LIMIT 1) r ON true""")) {
            rs.next();
            return new WarehouseSummary(
                    rs.getLong(1),
                    rs.getLong(2),
                    Optional.ofNullable(rs.getObject(3, OffsetDateTime.class)),
                    Optional.ofNullable((Long) rs.getObject(4)),
                    Optional.ofNullable(rs.getString(5)),
                    Optional.ofNullable(rs.getObject(6, OffsetDateTime.class)),
                    rs.getLong(7),
                    rs.getLong(8));
        }
    }
}
