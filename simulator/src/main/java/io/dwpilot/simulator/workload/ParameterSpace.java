package io.dwpilot.simulator.workload;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the workload draws its parameters from, read from the loaded warehouse: id ranges, the loaded sale period,
 * the dimension values users filter on, and whether TPC-H is there to query ({@code tpchScale} 0 when it is not).
 */
public record ParameterSpace(
        IdRange customers,
        IdRange products,
        IdRange transactions,
        IdRange salesRawIds,
        IdRange inventoryRawIds,
        LocalDate firstSaleDate,
        LocalDate lastSaleDate,
        List<String> categories,
        List<String> regions,
        List<String> channels,
        List<String> warehouses,
        List<String> segments,
        int stores,
        double tpchScale) {

    /** TPC-H scale factor 1 has 150,000 customers, keyed 1 to 150,000. */
    private static final double TPCH_CUSTOMERS_PER_SCALE = 150_000;
    /** The first sales are enough to see every store; scanning the whole fact table would not be cheap. */
    private static final int STORE_SAMPLE = 10_000;

    public record IdRange(long min, long max) {
        public IdRange {
            if (max < min) {
                throw new IllegalArgumentException("empty id range " + min + ".." + max);
            }
        }

        public long size() {
            return max - min + 1;
        }
    }

    public ParameterSpace {
        if (lastSaleDate.isBefore(firstSaleDate)) {
            throw new IllegalArgumentException("last sale date " + lastSaleDate + " is before " + firstSaleDate);
        }
        if (stores < 1 || tpchScale < 0) {
            throw new IllegalArgumentException("need at least one store and a TPC-H scale of at least 0");
        }
        categories = nonEmpty("categories", categories);
        regions = nonEmpty("regions", regions);
        channels = nonEmpty("channels", channels);
        warehouses = nonEmpty("warehouses", warehouses);
        segments = nonEmpty("segments", segments);
    }

    public boolean tpchLoaded() {
        return tpchScale > 0;
    }

    /** Reads the space with cheap queries: min/max over keys and DISTINCT over dimensions and small gold tables. */
    public static ParameterSpace read(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement s = connection.createStatement()) {
            LocalDate first;
            LocalDate last;
            try (ResultSet rs = s.executeQuery("SELECT min(first_sale_date), max(last_sale_date) "
                    + "FROM metadata.ingest_batches WHERE status = 'loaded'")) {
                rs.next();
                if (rs.getDate(1) == null || rs.getDate(2) == null) {
                    throw empty("metadata.ingest_batches");
                }
                first = rs.getDate(1).toLocalDate();
                last = rs.getDate(2).toLocalDate();
            }
            return new ParameterSpace(
                    range(s, "customer_id", "silver.customer_cleaned"),
                    range(s, "product_id", "silver.product_cleaned"),
                    range(s, "transaction_id", "silver.sales_cleaned"),
                    range(s, "raw_id", "bronze.sales_raw"),
                    range(s, "raw_id", "bronze.inventory_raw"),
                    first,
                    last,
                    distinct(s, "category", "silver.product_cleaned"),
                    distinct(s, "region", "silver.customer_cleaned"),
                    distinct(s, "channel", "gold.sales_summary"),
                    distinct(s, "warehouse_id", "gold.inventory_insights"),
                    distinct(s, "segment", "silver.customer_cleaned"),
                    stores(s),
                    tpchScale(s));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the workload's parameter space: " + e.getMessage(), e);
        }
    }

    private static IdRange range(Statement s, String column, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT min(" + column + "), max(" + column + ") FROM " + table)) {
            rs.next();
            if (rs.getObject(1) == null) {
                throw empty(table);
            }
            return new IdRange(rs.getLong(1), rs.getLong(2));
        }
    }

    private static List<String> distinct(Statement s, String column, String table) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT DISTINCT " + column + " FROM " + table + " ORDER BY 1")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        if (values.isEmpty()) {
            throw empty(table);
        }
        return values;
    }

    private static int stores(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT greatest(1, max(store_id)) FROM (SELECT store_id "
                + "FROM silver.sales_cleaned LIMIT " + STORE_SAMPLE + ") first_sales")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static double tpchScale(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM tpch.orders), "
                + "(SELECT coalesce(max(c_custkey), 0) FROM tpch.customer)")) {
            rs.next();
            return rs.getBoolean(1) ? rs.getLong(2) / TPCH_CUSTOMERS_PER_SCALE : 0;
        }
    }

    private static IllegalStateException empty(String table) {
        return new IllegalStateException(table + " is empty: load the warehouse and run the ETL before a workload");
    }

    private static List<String> nonEmpty(String what, List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " to draw from");
        }
        return List.copyOf(values);
    }
}
