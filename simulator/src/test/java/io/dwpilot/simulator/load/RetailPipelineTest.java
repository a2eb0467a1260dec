package io.dwpilot.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.etl.EtlPipeline;
import io.dwpilot.persistence.etl.EtlReport;
import io.dwpilot.persistence.etl.EtlStepResult;
import io.dwpilot.persistence.testing.TestPostgres;
import io.dwpilot.simulator.retail.DirtKind;
import io.dwpilot.simulator.retail.RetailSpec;
import io.dwpilot.simulator.retail.RetailTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Bronze to silver to gold at test scale on real PostgreSQL: quarantine, totals, idempotence, increments. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetailPipelineTest {
    private static final double SCALE = 0.1;
    private static final List<String> WAREHOUSE_TABLES = List.of(
            "silver.customer_cleaned",
            "silver.product_cleaned",
            "silver.sales_cleaned",
            "silver.inventory_cleaned",
            "silver.quarantine",
            "gold.sales_summary",
            "gold.customer_360",
            "gold.product_performance",
            "gold.inventory_insights");

    private static Database database;
    private static BronzeLoad firstLoad;
    private static EtlReport firstRun;

    @BeforeAll
    static void loadAndTransform() {
        database = TestPostgres.newWarehouse("pipeline");
        BronzeLoader loader = new BronzeLoader(database.systemPool());
        assertThat(loader.warehouseEmpty()).isTrue();
        firstLoad = loader.load(loader.nextSpec(SCALE, 42, RetailSpec.DEFAULT_DAYS), LoadProgress.SILENT);
        firstRun = new EtlPipeline(database.systemPool()).run();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    @Order(1)
    void everyDirtyRowIsQuarantinedWithItsReason() throws SQLException {
        for (RetailTable table : RetailTable.values()) {
            Map<String, Long> expected = new HashMap<>();
            firstLoad.dirt().get(table).forEach((kind, n) -> expected.put(kind.reason(), n));
            Map<String, Long> quarantined =
                    counts("SELECT reason, count(*) FROM silver.quarantine WHERE source_table = '" + table.bronzeTable()
                            + "' GROUP BY reason");
            assertThat(quarantined).as(table.bronzeTable()).isEqualTo(expected);
        }
        // every kind the generator knows was exercised somewhere
        assertThat(firstLoad.dirt().values().stream()
                        .flatMap(m -> m.keySet().stream())
                        .distinct())
                .containsExactlyInAnyOrder(DirtKind.values());
    }

    @Test
    @Order(2)
    void eachSilverStepAccountsForEveryBronzeRow() throws SQLException {
        for (EtlStepResult step : firstRun.steps().subList(0, 4)) {
            assertThat(step.rowsIn()).as(step.step()).isEqualTo(step.rowsOut() + step.rowsRejected());
        }
        assertThat(firstRun.steps().get(2).rowsIn()).isEqualTo(firstLoad.rows().get(RetailTable.SALES));
        long cleanSales = firstLoad.rows().get(RetailTable.SALES)
                - firstLoad.dirt().get(RetailTable.SALES).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
        assertThat(number("SELECT count(*) FROM silver.sales_cleaned").longValue())
                .isEqualTo(cleanSales);
    }

    @Test
    @Order(3)
    void goldTotalsEqualTheSilverSumsTheyAggregate() throws SQLException {
        assertGoldMatchesSilver();
    }

    @Test
    @Order(4)
    void rerunningTheEtlChangesNothing() throws SQLException {
        Map<String, String> before = checksums();
        EtlReport again = new EtlPipeline(database.systemPool()).run();
        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.rowsOut()).isZero();
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void anAppendedBatchFlowsThroughIncrementally() throws SQLException {
        BronzeLoader loader = new BronzeLoader(database.systemPool());
        RetailSpec next = loader.nextSpec(0.01, 43, 30);
        assertThat(next.startDate()).isEqualTo(RetailSpec.DEFAULT_START.plusDays(RetailSpec.DEFAULT_DAYS));
        long salesBefore = number("SELECT count(*) FROM silver.sales_cleaned").longValue();
        long datesBefore = number("SELECT count(DISTINCT sale_date) FROM gold.sales_summary")
                .longValue();

        BronzeLoad second = loader.load(next, LoadProgress.SILENT);
        EtlReport run = new EtlPipeline(database.systemPool()).run();

        assertThat(run.steps().get(2).rowsIn()).isEqualTo(second.rows().get(RetailTable.SALES));
        long newCleanSales = second.rows().get(RetailTable.SALES)
                - second.dirt().get(RetailTable.SALES).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
        assertThat(number("SELECT count(*) FROM silver.sales_cleaned").longValue())
                .isEqualTo(salesBefore + newCleanSales);
        // only the new days were summarized; the old ones were left as they were
        assertThat(run.steps().get(4).rowsIn()).isBetween(28L, 30L);
        assertThat(number("SELECT count(DISTINCT sale_date) FROM gold.sales_summary")
                        .longValue())
                .isEqualTo(datesBefore + run.steps().get(4).rowsIn());
        assertGoldMatchesSilver();
    }

    private static void assertGoldMatchesSilver() throws SQLException {
        BigDecimal revenue = number("SELECT sum(total_amount) FROM silver.sales_cleaned");
        BigDecimal units = number("SELECT sum(quantity) FROM silver.sales_cleaned");
        BigDecimal transactions = number("SELECT count(*) FROM silver.sales_cleaned");
        assertThat(revenue).isPositive();
        assertThat(number("SELECT sum(net_revenue) FROM gold.sales_summary")).isEqualByComparingTo(revenue);
        assertThat(number("SELECT sum(units) FROM gold.sales_summary")).isEqualByComparingTo(units);
        assertThat(number("SELECT sum(transactions) FROM gold.sales_summary")).isEqualByComparingTo(transactions);
        assertThat(number("SELECT sum(lifetime_value) FROM gold.customer_360")).isEqualByComparingTo(revenue);
        assertThat(number("SELECT sum(orders) FROM gold.customer_360")).isEqualByComparingTo(transactions);
        assertThat(number("SELECT count(*) FROM gold.customer_360"))
                .isEqualByComparingTo(number("SELECT count(*) FROM silver.customer_cleaned"));
        assertThat(number("SELECT sum(revenue) FROM gold.product_performance")).isEqualByComparingTo(revenue);
        assertThat(number("SELECT sum(units_sold) FROM gold.product_performance"))
                .isEqualByComparingTo(units);
        assertThat(number("SELECT sum(stock_on_hand) FROM gold.inventory_insights"))
                .isEqualByComparingTo(
                        number(
                                "SELECT sum(CASE WHEN movement_type = 'shipment' THEN -quantity ELSE quantity END) FROM silver.inventory_cleaned"));
    }

    private static Map<String, String> checksums() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : WAREHOUSE_TABLES) {
            out.put(
                    table,
                    number("SELECT count(*) FROM " + table) + ":"
                            + string("SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM " + table + " t"));
        }
        return out;
    }

    private static Map<String, Long> counts(String sql) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private static BigDecimal number(String sql) throws SQLException {
        return new BigDecimal(string(sql));
    }

    private static String string(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
