package io.dwpilot.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.etl.EtlPipeline;
import io.dwpilot.persistence.etl.EtlReport;
import io.dwpilot.persistence.testing.TestPostgres;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.load.LoadProgress;
import io.dwpilot.simulator.retail.RetailSpec;
import io.dwpilot.simulator.tpch.TpchLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every template's statements run on a small loaded warehouse (retail scale 0.01, TPC-H SF 0.01). */
class WorkloadTemplatesTest {
    private static final RetailSpec SPEC = RetailSpec.initial(0.01, 42);
    private static final double TPCH_SCALE = 0.01;
    private static final int RENDERS = 20;

    private static Database database;
    private static ParameterSpace space;

    @BeforeAll
    static void loadWarehouse() throws SQLException {
        database = TestPostgres.newWarehouse("workload");
        new BronzeLoader(database.systemPool()).load(SPEC, LoadProgress.SILENT);
        new EtlPipeline(database.systemPool()).run();
        new TpchLoader(database.systemPool()).load(TPCH_SCALE, LoadProgress.SILENT);
        space = ParameterSpace.read(database.systemPool());
        indexLineitemParts();
    }

    /**
     * Q17 and Q20 run a correlated subquery over lineitem per part; without this index (finding it is the indexer's
     * job, so the migrations leave it out) their 40 runs would take three quarters of this class's time.
     */
    private static void indexLineitemParts() throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE INDEX ON tpch.lineitem (l_partkey, l_suppkey)");
            s.execute("ANALYZE tpch.lineitem");
        }
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theParameterSpaceHoldsTheLoadedRanges() {
        assertThat(space.customers()).isEqualTo(new ParameterSpace.IdRange(1, SPEC.maxCustomerId()));
        assertThat(space.products()).isEqualTo(new ParameterSpace.IdRange(1, SPEC.maxProductId()));
        assertThat(space.transactions().max()).isLessThanOrEqualTo(SPEC.sales());
        assertThat(space.firstSaleDate()).isEqualTo(SPEC.startDate());
        assertThat(space.lastSaleDate()).isEqualTo(SPEC.endDate());
        assertThat(space.categories())
                .isNotEmpty()
                .isSorted()
                .isSubsetOf("electronics", "home", "clothing", "grocery", "sports", "beauty", "toys", "books");
        assertThat(space.channels()).containsExactly("mobile", "online", "store");
        assertThat(space.warehouses()).containsExactly("WH-01", "WH-02", "WH-03", "WH-04", "WH-05");
        assertThat(space.segments()).contains("consumer", "corporate");
        assertThat(space.regions()).contains("Europe", "Midwest");
        assertThat(space.stores()).isEqualTo(50);
        assertThat(space.tpchLoaded()).isTrue();
        assertThat(space.tpchScale()).isCloseTo(TPCH_SCALE, Offset.offset(1e-9));
    }

    @Test
    void anEmptyWarehouseHasNoParameterSpace() {
        try (Database empty = TestPostgres.newWarehouse("workload_empty")) {
            assertThatThrownBy(() -> ParameterSpace.read(empty.systemPool()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is empty");
        }
    }

    @Test
    void thereAreEnoughTemplatesOfEachComplexity() {
        Map<Complexity, Long> retail = countByComplexity(RetailTemplates.all());
        assertThat(RetailTemplates.all()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(retail.get(Complexity.SIMPLE)).isGreaterThanOrEqualTo(14);
        assertThat(retail.get(Complexity.MEDIUM)).isGreaterThanOrEqualTo(14);
        assertThat(retail.get(Complexity.COMPLEX)).isGreaterThanOrEqualTo(10);
        assertThat(retail.get(Complexity.WRITE)).isGreaterThanOrEqualTo(4);
        assertThat(TpchTemplates.all()).hasSize(22);
        assertThat(countByComplexity(TpchTemplates.all())).containsOnlyKeys(Complexity.MEDIUM, Complexity.COMPLEX);
        assertThat(allTemplates().stream().map(QueryTemplate::name)).doesNotHaveDuplicates();
    }

    @Test
    void everyStatementOfEveryTemplateRuns() throws SQLException {
        List<String> failures = new ArrayList<>();
        try (Connection c = database.sessions().pool(DatabaseRole.ADMIN).getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '20s'");
            for (QueryTemplate template : allTemplates()) {
                SplittableRandom random = new SplittableRandom(template.name().hashCode());
                Set<String> distinct = new HashSet<>();
                for (int i = 0; i < RENDERS; i++) {
                    String sql = template.render(random, space);
                    distinct.add(sql);
                    try {
                        boolean isQuery = s.execute(sql);
                        if (!isQuery && sql.startsWith("INSERT")) {
                            assertThat(s.getUpdateCount()).as(template.name()).isPositive();
                        }
                    } catch (SQLException e) {
                        failures.add(template.name() + ": " + e.getMessage() + "\n" + sql);
                    }
                }
                assertThat(distinct)
                        .as("%s draws its parameters", template.name())
                        .hasSizeGreaterThan(1);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void writtenRowsAreCleanEnoughForTheEtl() throws SQLException {
        SplittableRandom random = new SplittableRandom(7);
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            for (QueryTemplate template : RetailTemplates.all()) {
                if (template.name().endsWith("_insert")) {
                    for (int i = 0; i < 5; i++) {
                        s.executeUpdate(template.render(random, space));
                    }
                }
            }
        }
        EtlReport report = new EtlPipeline(database.systemPool()).run();
        assertThat(report.rowsIn()).isPositive();
        assertThat(report.rowsRejected()).isZero();
    }

    @Test
    void aSeedDeterminesTheStatements() {
        assertThat(statements(1)).isEqualTo(statements(1));
        assertThat(statements(2)).isNotEqualTo(statements(1));
    }

    @Test
    void aFewCustomersAreAskedAboutMostOften() {
        QueryTemplate lookup = RetailTemplates.all().stream()
                .filter(t -> t.name().equals("customer_recent_sales"))
                .findFirst()
                .orElseThrow();
        Pattern customer = Pattern.compile("customer_id = (\\d+)");
        Map<Long, Long> counts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            Matcher m = customer.matcher(lookup.render(random, space));
            assertThat(m.find()).isTrue();
            counts.merge(Long.parseLong(m.group(1)), 1L, Long::sum);
        }
        assertThat(counts.keySet()).allSatisfy(id -> assertThat(id).isBetween(1L, SPEC.maxCustomerId()));
        double mean = 2_000.0 / counts.size();
        assertThat(counts.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                .isGreaterThan((long) (5 * mean));
    }

    private static List<String> statements(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> sql = new ArrayList<>();
        for (UserType user : UserType.values()) {
            TemplateMix mix = TemplateMix.forSpace(user, space);
            for (int i = 0; i < 50; i++) {
                sql.add(mix.next(random).render(random, space));
            }
        }
        return sql;
    }

    private static List<QueryTemplate> allTemplates() {
        return Stream.concat(RetailTemplates.all().stream(), TpchTemplates.all().stream())
                .toList();
    }

    private static Map<Complexity, Long> countByComplexity(List<QueryTemplate> templates) {
        return templates.stream().collect(Collectors.groupingBy(QueryTemplate::complexity, Collectors.counting()));
    }
}
