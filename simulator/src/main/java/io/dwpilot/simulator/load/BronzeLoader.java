package io.dwpilot.simulator.load;

import io.dwpilot.persistence.IngestLock;
import io.dwpilot.persistence.copy.CopyWriter;
import io.dwpilot.simulator.retail.DirtKind;
import io.dwpilot.simulator.retail.DirtLedger;
import io.dwpilot.simulator.retail.RetailGenerator;
import io.dwpilot.simulator.retail.RetailSpec;
import io.dwpilot.simulator.retail.RetailTable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk-loads a generated retail batch into bronze with COPY. The whole batch is one transaction: a failure leaves
 * bronze as it was and records the batch as failed.
 */
public final class BronzeLoader {
    private static final Logger log = LoggerFactory.getLogger(BronzeLoader.class);
    private static final int PROGRESS_STEP = 10_000;

    private final DataSource dataSource;

    public BronzeLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True when no retail batch has been loaded yet. */
    public boolean warehouseEmpty() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT NOT EXISTS (SELECT 1 FROM metadata.ingest_batches WHERE status = 'loaded')")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new LoadException("Cannot read metadata.ingest_batches: " + e.getMessage(), e);
        }
    }

    /**
     * The spec of the next batch: the first one for an empty warehouse, else one that continues the loaded data
     * (new ids, days after the last loaded sale).
     */
    public RetailSpec nextSpec(double scale, long seed, int days) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                     SELECT count(*), max(last_sale_date), coalesce(max(last_customer_id), 0),
                            coalesce(max(last_product_id), 0), coalesce(max(last_transaction_id), 0),
                            coalesce(max(last_movement_id), 0)
                     FROM metadata.ingest_batches WHERE status = 'loaded'""")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return new RetailSpec(scale, seed, RetailSpec.DEFAULT_START, days, 0, 0, 0, 0);
            }
            LocalDate start = rs.getDate(2).toLocalDate().plusDays(1);
            return new RetailSpec(scale, seed, start, days, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
        } catch (SQLException e) {
            throw new LoadException("Cannot read metadata.ingest_batches: " + e.getMessage(), e);
        }
    }

    public BronzeLoad load(RetailSpec spec, LoadProgress progress) {
        long started = System.nanoTime();
        RetailGenerator generator = new RetailGenerator(spec);
        try (Connection connection = dataSource.getConnection();
                IngestLock ignored = IngestLock.acquire(connection)) {
            connection.setAutoCommit(false);
            try {
                long batchId = startBatch(connection, spec);
                Map<RetailTable, Long> rows = new EnumMap<>(RetailTable.class);
                Map<RetailTable, Map<DirtKind, Long>> dirt = new EnumMap<>(RetailTable.class);
                for (RetailTable table : RetailTable.values()) {
                    progress.start(table.bronzeTable(), generator.expectedRows(table));
                    List<String> columns = new ArrayList<>(List.of("batch_id"));
                    columns.addAll(table.columns());
                    try (CopyWriter writer =
                            new CopyWriter(connection, table.bronzeTable(), columns, List.of(Long.toString(batchId)))) {
                        DirtLedger ledger = generator.generate(table, values -> {
                            writer.write(values);
                            if (writer.rows() % PROGRESS_STEP == 0) {
                                progress.advance(PROGRESS_STEP);
                            }
                        });
                        rows.put(table, writer.rows());
                        dirt.put(table, ledger.of(table));
                        progress.advance(writer.rows() % PROGRESS_STEP);
                    }
                    progress.finish(table.bronzeTable(), rows.get(table));
                }
                finishBatch(connection, batchId, spec, rows, started);
                connection.commit();
                connection.setAutoCommit(true);
                analyze(connection);
                BronzeLoad load = new BronzeLoad(
                        batchId, Map.copyOf(rows), Map.copyOf(dirt), Duration.ofNanos(System.nanoTime() - started));
                log.info(
                        "Loaded batch {} (scale {}, seed {}): {} rows in {} ms ({} rows/s)",
                        batchId,
                        spec.scale(),
                        spec.seed(),
                        load.totalRows(),
                        load.duration().toMillis(),
                        Math.round(load.rowsPerSecond()));
                return load;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                connection.setAutoCommit(true);
                recordFailure(connection, spec, e);
                throw new LoadException("Loading the retail batch failed, bronze is unchanged: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new LoadException("Cannot load into bronze: " + e.getMessage(), e);
        }
    }

    private static long startBatch(Connection c, RetailSpec spec) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO metadata.ingest_batches (source, scale, seed) VALUES ('retail', ?, ?) RETURNING batch_id")) {
            ps.setDouble(1, spec.scale());
            ps.setLong(2, spec.seed());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void finishBatch(
            Connection c, long batchId, RetailSpec spec, Map<RetailTable, Long> rows, long started)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE metadata.ingest_batches
                SET status = 'loaded', finished_at = now(), duration_ms = ?, first_sale_date = ?, last_sale_date = ?,
                    last_customer_id = ?, last_product_id = ?, last_transaction_id = ?, last_movement_id = ?,
                    product_rows = ?, customer_rows = ?, sales_rows = ?, inventory_rows = ?
                WHERE batch_id = ?""")) {
            ps.setLong(1, (System.nanoTime() - started) / 1_000_000);
            ps.setDate(2, Date.valueOf(spec.startDate()));
            ps.setDate(3, Date.valueOf(spec.endDate()));
            ps.setLong(4, spec.maxCustomerId());
            ps.setLong(5, spec.maxProductId());
            ps.setLong(6, spec.lastTransactionId() + spec.sales());
            ps.setLong(7, spec.lastMovementId() + spec.movements());
            ps.setLong(8, rows.get(RetailTable.PRODUCTS));
            ps.setLong(9, rows.get(RetailTable.CUSTOMERS));
            ps.setLong(10, rows.get(RetailTable.SALES));
            ps.setLong(11, rows.get(RetailTable.INVENTORY));
            ps.setLong(12, batchId);
            ps.executeUpdate();
        }
    }

    private static void analyze(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (RetailTable table : RetailTable.values()) {
                s.execute("ANALYZE " + table.bronzeTable());
            }
        }
    }

    private static void recordFailure(Connection c, RetailSpec spec, Exception cause) {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO metadata.ingest_batches (source, scale, seed, status, finished_at)
                VALUES ('retail', ?, ?, 'failed', now())""")) {
            ps.setDouble(1, spec.scale());
            ps.setLong(2, spec.seed());
            ps.executeUpdate();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
