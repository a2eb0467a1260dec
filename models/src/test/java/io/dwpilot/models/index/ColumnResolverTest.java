package io.dwpilot.models.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.models.sql.ColumnRef;
import io.dwpilot.models.sql.ColumnRole;
import io.dwpilot.models.sql.Predicate;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SqlAnalyzer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColumnResolverTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();
    private static final ColumnResolver TPCH = new ColumnResolver(Map.of(
            "tpch.customer", Set.of("c_custkey", "c_mktsegment", "comment"),
            "tpch.orders", Set.of("o_orderkey", "o_custkey", "o_orderdate", "comment")));

    private static final String Q = "SELECT o_orderkey FROM tpch.customer, tpch.orders"
            + " WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND o_orderdate < DATE '1995-03-15'"
            + " AND comment = 'x' ORDER BY o_orderdate";

    @Test
    void anUnqualifiedColumnGoesToTheOneTableThatHasIt() {
        QueryAnalysis resolved = TPCH.resolve(ANALYZER.analyze(Q));

        assertThat(resolved.predicates())
                .extracting(Predicate::column)
                .contains(new ColumnRef("tpch.customer", "c_mktsegment"), new ColumnRef("tpch.orders", "o_orderdate"));
        assertThat(resolved.columns(ColumnRole.JOIN))
                .contains(new ColumnRef("tpch.customer", "c_custkey"), new ColumnRef("tpch.orders", "o_custkey"));
        assertThat(resolved.sortKeys().get(0).column()).isEqualTo(new ColumnRef("tpch.orders", "o_orderdate"));
    }

    @Test
    void anOuterColumnInACorrelatedSubqueryIsTakenFromTheTableThatHasIt() {
        ColumnResolver resolver = new ColumnResolver(Map.of(
                "tpch.part", Set.of("p_partkey", "p_brand"),
                "tpch.lineitem", Set.of("l_partkey", "l_quantity")));
        QueryAnalysis resolved = resolver.resolve(ANALYZER.analyze("SELECT count(*) FROM tpch.part"
                + " WHERE p_brand = 'Brand#23' AND 0 < (SELECT avg(l_quantity) FROM tpch.lineitem"
                + " WHERE l_partkey = p_partkey)"));

        assertThat(resolved.columns().values().stream().flatMap(List::stream))
                .doesNotContain(new ColumnRef("tpch.lineitem", "p_partkey"))
                .contains(new ColumnRef("tpch.part", "p_partkey"), new ColumnRef("tpch.lineitem", "l_partkey"));
    }

    @Test
    void aColumnSeveralTablesHaveStaysUnknown() {
        QueryAnalysis resolved = TPCH.resolve(ANALYZER.analyze(Q));

        assertThat(resolved.predicates()).extracting(Predicate::column).contains(new ColumnRef(null, "comment"));
    }

    @Test
    void resolvedColumnsBecomeIndexCandidates() {
        List<IndexCandidate> unresolved =
                new CandidateGenerator().generate(List.of(new WorkloadQuery(ANALYZER.analyze(Q), 1)), List.of());
        List<IndexCandidate> resolved = new CandidateGenerator()
                .generate(List.of(new WorkloadQuery(TPCH.resolve(ANALYZER.analyze(Q)), 1)), List.of());

        assertThat(unresolved).isEmpty();
        assertThat(resolved).extracting(IndexCandidate::table).contains("tpch.customer", "tpch.orders");
    }

    @Test
    void theFingerprintAndTablesAreKept() {
        QueryAnalysis analysis = ANALYZER.analyze(Q);

        QueryAnalysis resolved = TPCH.resolve(analysis);

        assertThat(resolved.fingerprint()).isEqualTo(analysis.fingerprint());
        assertThat(resolved.tables()).isEqualTo(analysis.tables());
    }
}
