package io.dwpilot.bench.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.indexer.WorkloadStatement;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.SizeEstimator;
import io.dwpilot.models.index.StatisticsSizeEstimator;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.testing.TestPostgres;
import io.dwpilot.persistence.whatif.CachingWhatIf;
import io.dwpilot.persistence.whatif.WhatIf;
import io.dwpilot.persistence.whatif.WhatIfs;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The benchmark's baselines on a real PostgreSQL and a small table with one selective and one useless column. */
class IndexBaselinesTest {
    private static final List<WorkloadStatement> WORKLOAD = List.of(
            new WorkloadStatement("SELECT id, note FROM bench.t WHERE a = 42", 1),
            new WorkloadStatement("SELECT count(*) FROM bench.t WHERE b = 1", 1),
            new WorkloadStatement("SELECT id FROM bench.t WHERE c BETWEEN 100 AND 120 ORDER BY a", 1));

    private static Database database;
    private static IndexCatalog catalog;

    @BeforeAll
    static void createTable() throws Exception {
        database = TestPostgres.newWarehouse("index_baselines");
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA bench");
            s.execute("CREATE TABLE bench.t (id int PRIMARY KEY, a int, b int, c int, note text)");
            s.execute("INSERT INTO bench.t SELECT i, i % 5000, i % 2, (i * 7) % 20000, md5(i::text)"
                    + " FROM generate_series(1, 40000) i");
            s.execute("ANALYZE bench.t");
        }
        catalog = new IndexCatalog(database.systemPool());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static WhatIf whatIf() {
        return new CachingWhatIf(WhatIfs.forDatabase(database.systemPool()));
    }

    private static SizeEstimator sizes(PreparedWorkload workload) {
        return new StatisticsSizeEstimator(workload.facts().statistics());
    }

    @Test
    void dexterSuggestsOnlyIndexesThatHalveAQuerysCost() throws Exception {
        WhatIf whatIf = whatIf();
        PreparedWorkload workload = PreparedWorkload.of(WORKLOAD, catalog, whatIf);

        List<IndexCandidate> chosen = new DexterStyleAdvisor(whatIf, sizes(workload)).select(workload, Long.MAX_VALUE);

        assertThat(chosen).extracting(IndexCandidate::keyColumnNames).contains(List.of("a"));
        // half the rows have b = 1: an index on b saves far less than 50 %, so the rule drops it
        assertThat(chosen).noneMatch(index -> index.keyColumnNames().get(0).equals("b"));
    }

    @Test
    void dexterTakesTheLargestSavingsThatFitAnEqualBudget() throws Exception {
        WhatIf whatIf = whatIf();
        PreparedWorkload workload = PreparedWorkload.of(WORKLOAD, catalog, whatIf);
        SizeEstimator sizes = sizes(workload);
        List<IndexCandidate> all = new DexterStyleAdvisor(whatIf, sizes).select(workload, Long.MAX_VALUE);
        long oneIndex = sizes.bytes(all.get(0));

        List<IndexCandidate> chosen = new DexterStyleAdvisor(whatIf, sizes).select(workload, oneIndex);

        assertThat(chosen).containsExactly(all.get(0));
    }

    @Test
    void plainExtendNeverExceedsTheBudget() throws Exception {
        WhatIf whatIf = whatIf();
        PreparedWorkload workload = PreparedWorkload.of(WORKLOAD, catalog, whatIf);
        SizeEstimator sizes = sizes(workload);
        long oneColumn = sizes.bytes(IndexableAttributes.index("bench.t", List.of("a")));

        for (long budget : new long[] {0, oneColumn, oneColumn * 3 / 2, 3 * oneColumn}) {
            List<IndexCandidate> chosen = new PlainExtend(whatIf, sizes).select(workload, budget);
            assertThat(chosen.stream().mapToLong(sizes::bytes).sum()).isLessThanOrEqualTo(budget);
            if (budget == 0) {
                assertThat(chosen).isEmpty();
            }
        }
        List<IndexCandidate> generous = new PlainExtend(whatIf, sizes).select(workload, 3 * oneColumn);
        assertThat(generous).extracting(index -> index.keyColumnNames().get(0)).contains("a");
        assertThat(new WorkloadCost(workload, whatIf).of(generous))
                .isLessThan(new WorkloadCost(workload, whatIf).of(List.of()) / 2);
    }
}
