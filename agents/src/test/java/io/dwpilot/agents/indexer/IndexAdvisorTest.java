package io.dwpilot.agents.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.models.index.ChosenIndex;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.testing.TestPostgres;
import io.dwpilot.persistence.whatif.WhatIfs;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The advisor end to end on a real PostgreSQL: catalog, what-if costs (hypopg or rolled-back builds), selection. */
class IndexAdvisorTest {
    private static final long BUDGET = 64L << 20;
    private static Database database;
    private static IndexAdvisor advisor;

    @BeforeAll
    static void open() throws SQLException {
        database = TestPostgres.newWarehouse("advisor");
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA advice");
            s.execute("""
                    CREATE TABLE advice.orders AS
                    SELECT g AS id, g % 5000 AS customer_id, g % 3 AS status, g % 100 AS a, (g / 100) % 100 AS b,
                           md5(g::text) AS note
                    FROM generate_series(1, 100000) g""");
            s.execute("ALTER TABLE advice.orders ADD PRIMARY KEY (id)");
            s.execute("""
                    CREATE TABLE advice.events AS
                    SELECT g AS id, g % 5000 AS device_id, md5(g::text) AS payload FROM generate_series(1, 50000) g""");
            s.execute("ALTER TABLE advice.events ADD PRIMARY KEY (id)");
            s.execute("""
                    CREATE TABLE advice.sales AS
                    SELECT g AS id, (ARRAY['store', 'web', 'app'])[g % 3 + 1] AS channel, g % 1000 AS sale_day,
                           g % 50 AS store_id, md5(g::text) AS note
                    FROM generate_series(1, 150000) g""");
            s.execute("ANALYZE advice.sales");
            s.execute("ANALYZE advice.orders");
            s.execute("ANALYZE advice.events");
        }
        advisor = new IndexAdvisor(new IndexCatalog(database.systemPool()), WhatIfs.forDatabase(database.systemPool()));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static Advice advise(Map<String, Double> writes, long budget, WorkloadStatement... statements)
            throws SQLException {
        return advisor.advise(List.of(statements), writes, budget, 1);
    }

    private static List<List<String>> keys(Advice advice) {
        return advice.selection().candidates().stream()
                .map(IndexCandidate::keyColumnNames)
                .toList();
    }

    private static WorkloadStatement customerLookup(double weight) {
        return new WorkloadStatement("SELECT * FROM advice.orders WHERE customer_id = 42", weight);
    }

    @Test
    void anIndexOnASelectivePredicateIsRecommendedWithWhy() throws SQLException {
        Advice advice = advise(Map.of(), BUDGET, customerLookup(100));

        assertThat(keys(advice)).containsExactly(List.of("customer_id"));
        ChosenIndex chosen = advice.selection().chosen().get(0);
        assertThat(chosen.helps()).hasSize(1);
        assertThat(chosen.helps().get(0).costAfter())
                .isLessThan(chosen.helps().get(0).costBefore() / 10);
        assertThat(advice.whatIfCalls()).isPositive();
        assertThat(IndexRecommendation.of(chosen).ddl())
                .startsWith("CREATE INDEX CONCURRENTLY dwpilot_ix_orders_customer_id_")
                .endsWith(" ON advice.orders (customer_id)");
    }

    @Test
    void aLowSelectivityPredicateGetsNoIndex() throws SQLException {
        Advice advice =
                advise(Map.of(), BUDGET, new WorkloadStatement("SELECT * FROM advice.orders WHERE status = 1", 100));

        assertThat(advice.selection().chosen()).isEmpty();
        assertThat(advice.candidates())
                .extracting(IndexCandidate::keyColumnNames)
                .contains(List.of("status"));
    }

    @Test
    void aTwoColumnIndexIsPreferredWhereTheWorkloadFiltersOnBoth() throws SQLException {
        Advice advice = advise(
                Map.of(), BUDGET, new WorkloadStatement("SELECT * FROM advice.orders WHERE a = 5 AND b = 7", 100));

        assertThat(keys(advice)).as(advice.selection().chosen().toString()).hasSize(1);
        assertThat(keys(advice).get(0)).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void theBudgetIsNeverExceeded() throws SQLException {
        WorkloadStatement[] workload = {
            customerLookup(100),
            new WorkloadStatement("SELECT * FROM advice.orders WHERE a = 5 AND b = 7", 50),
            new WorkloadStatement("SELECT * FROM advice.events WHERE device_id = 7", 80)
        };
        Advice unlimited = advise(Map.of(), BUDGET, workload);
        assertThat(unlimited.selection().chosen()).hasSize(3);
        long smallest = unlimited.selection().chosen().stream()
                .mapToLong(ChosenIndex::sizeBytes)
                .min()
                .orElseThrow();

        for (long budget :
                new long[] {0, smallest, smallest + 1, unlimited.selection().totalBytes() - 1}) {
            Advice advice = advise(Map.of(), budget, workload);
            assertThat(advice.selection().totalBytes()).as("budget %d", budget).isLessThanOrEqualTo(budget);
            assertThat(advice.selection().chosen().stream()
                            .mapToLong(ChosenIndex::sizeBytes)
                            .sum())
                    .isEqualTo(advice.selection().totalBytes());
        }
        assertThat(advise(Map.of(), 0, workload).selection().chosen()).isEmpty();
        assertThat(advise(Map.of(), smallest, workload).selection().chosen()).hasSize(1);
    }

    @Test
    void anIndexOnATableWhoseWritesDominateIsRejectedForItsMaintenance() throws SQLException {
        WorkloadStatement lookup = new WorkloadStatement("SELECT * FROM advice.events WHERE device_id = 7", 10);

        assertThat(advise(Map.of(), BUDGET, lookup).selection().chosen()).hasSize(1);
        assertThat(advise(Map.of("advice.events", 1_000_000.0), BUDGET, lookup)
                        .selection()
                        .chosen())
                .isEmpty();
        assertThat(advise(Map.of("advice.orders", 1_000_000.0), BUDGET, lookup)
                        .selection()
                        .chosen())
                .hasSize(1);
    }

    @Test
    void statementsItCannotUseAreSkippedWithTheReason() throws SQLException {
        Advice advice = advise(
                Map.of(),
                BUDGET,
                customerLookup(10),
                new WorkloadStatement("SELEC nonsense", 5),
                new WorkloadStatement("INSERT INTO advice.events VALUES (0, 0, 'x')", 5),
                new WorkloadStatement("SELECT * FROM advice.gone WHERE id = 1", 5));

        assertThat(advice.statements()).isEqualTo(1);
        assertThat(advice.skipped())
                .extracting(Advice.Skipped::reason)
                .anySatisfy(reason -> assertThat(reason).startsWith("not parsed"))
                .anySatisfy(reason -> assertThat(reason).contains("insert statement"))
                .anySatisfy(reason -> assertThat(reason).startsWith("not plannable"));
        assertThat(keys(advice)).containsExactly(List.of("customer_id"));
    }

    @Test
    void unqualifiedColumnsOfAJoinAreToldFromTheCatalog() throws SQLException {
        Advice advice = advise(
                Map.of(),
                BUDGET,
                new WorkloadStatement(
                        "SELECT * FROM advice.orders, advice.events WHERE customer_id = 42 AND device_id = customer_id",
                        100));

        assertThat(advice.selection().candidates())
                .extracting(IndexCandidate::table)
                .contains("advice.orders");
    }

    private static final String STORE_SALES = "SELECT store_id, count(*) FROM advice.sales WHERE channel = '%s'"
            + " AND sale_day >= 100 AND sale_day < 103 GROUP BY store_id";

    @Test
    void aConstantFilterOnALowCardinalityColumnEarnsAPartialIndex() throws SQLException {
        Advice advice = advise(
                Map.of(),
                BUDGET,
                new WorkloadStatement(STORE_SALES.formatted("store"), 50),
                new WorkloadStatement(STORE_SALES.formatted("store"), 50));

        assertThat(advice.selection().candidates()).singleElement().satisfies(index -> {
            assertThat(index.predicate()).map(filter -> filter.condition()).contains("channel = 'store'");
            assertThat(index.keyColumnNames()).startsWith("sale_day");
        });
        assertThat(IndexRecommendation.of(advice.selection().chosen().get(0)).ddl())
                .endsWith(" WHERE channel = 'store'");
    }

    @Test
    void noPartialIndexWhenTheExecutionsOfAFingerprintUseDifferentConstants() throws SQLException {
        Advice advice = advise(
                Map.of(),
                BUDGET,
                new WorkloadStatement(STORE_SALES.formatted("store"), 50),
                new WorkloadStatement(STORE_SALES.formatted("web"), 50));

        assertThat(advice.candidates())
                .allSatisfy(index -> assertThat(index.predicate()).isEmpty());
        assertThat(advice.selection().chosen()).isNotEmpty();
    }
}
