package io.dwpilot.simulator.tpch;

import io.dwpilot.persistence.IngestLock;
import io.dwpilot.persistence.copy.CopyWriter;
import io.dwpilot.simulator.load.LoadException;
import io.dwpilot.simulator.load.LoadProgress;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads TPC-H at a scale factor into the {@code tpch} schema with io.trino.tpch's generator (dbgen's data). A load
 * replaces what the schema held, in one transaction: a failure leaves the previous data in place.
 */
public final class TpchLoader {
    private static final Logger log = LoggerFactory.getLogger(TpchLoader.class);
    public static final double MAX_SCALE_FACTOR = 100;
    private static final int PROGRESS_STEP = 10_000;

    private final DataSource dataSource;

    public TpchLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public TpchLoad load(double scaleFactor, LoadProgress progress) {
        if (!(scaleFactor > 0) || scaleFactor > MAX_SCALE_FACTOR) {
            throw new IllegalArgumentException("TPC-H scale factor must be greater than 0 and at most "
                    + MAX_SCALE_FACTOR + ", got " + scaleFactor);
        }
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                IngestLock ignored = IngestLock.acquire(connection)) {
            connection.setAutoCommit(false);
            try {
                Map<String, Long> rows = new LinkedHashMap<>();
                for (TpchTable<?> table : TpchTable.getTables()) {
                    rows.put(table.getTableName(), copy(connection, table, scaleFactor, progress));
                }
                connection.commit();
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    for (String table : rows.keySet()) {
                        s.execute("ANALYZE tpch." + table);
                    }
                }
                TpchLoad load =
                        new TpchLoad(scaleFactor, Map.copyOf(rows), Duration.ofNanos(System.nanoTime() - started));
                log.info(
                        "Loaded TPC-H SF {}: {} rows in {} ms",
                        scaleFactor,
                        load.totalRows(),
                        load.duration().toMillis());
                return load;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                connection.setAutoCommit(true);
                throw new LoadException("Loading TPC-H failed, the tpch schema is unchanged: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new LoadException("Cannot load TPC-H: " + e.getMessage(), e);
        }
    }

    private static <E extends TpchEntity> long copy(
            Connection connection, TpchTable<E> table, double scaleFactor, LoadProgress progress)
            throws SQLException, IOException {
        String target = "tpch." + table.getTableName();
        try (Statement s = connection.createStatement()) {
            s.execute("TRUNCATE " + target);
        }
        List<TpchColumn<E>> columns = table.getColumns();
        progress.start(target, expectedRows(table, scaleFactor));
        long rows;
        try (CopyWriter writer = new CopyWriter(
                connection,
                target,
                columns.stream().map(TpchColumn::getColumnName).toList(),
                List.of())) {
            String[] values = new String[columns.size()];
            for (E entity : table.createGenerator(scaleFactor, 1, 1)) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = value(columns.get(i), entity);
                }
                writer.write(values);
                if (writer.rows() % PROGRESS_STEP == 0) {
                    progress.advance(PROGRESS_STEP);
                }
            }
            rows = writer.rows();
            progress.advance(rows % PROGRESS_STEP);
        }
        progress.finish(target, rows);
        return rows;
    }

    private static <E extends TpchEntity> String value(TpchColumn<E> column, E entity) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long.toString(column.getIdentifier(entity));
            case INTEGER -> Integer.toString(column.getInteger(entity));
            case DATE -> LocalDate.ofEpochDay(column.getDate(entity)).toString();
            case DOUBLE ->
                BigDecimal.valueOf(column.getDouble(entity))
                        .setScale(2, RoundingMode.HALF_UP)
                        .toPlainString();
            case VARCHAR -> column.getString(entity);
        };
    }

    /** The row counts TPC-H defines for a scale factor (lineitem varies around four per order). */
    static long expectedRows(TpchTable<?> table, double scaleFactor) {
        return switch (table.getTableName()) {
            case "region" -> 5;
            case "nation" -> 25;
            case "supplier" -> (long) (10_000 * scaleFactor);
            case "customer" -> (long) (150_000 * scaleFactor);
            case "part" -> (long) (200_000 * scaleFactor);
            case "partsupp" -> (long) (800_000 * scaleFactor);
            case "orders" -> (long) (1_500_000 * scaleFactor);
            default -> (long) (6_000_000 * scaleFactor);
        };
    }
}
