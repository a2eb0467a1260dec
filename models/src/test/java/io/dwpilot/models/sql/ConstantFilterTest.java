package io.dwpilot.models.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstantFilterTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    private static java.util.List<ConstantFilter> filters(String sql) {
        return ANALYZER.analyze(sql).constantFilters();
    }

    @Test
    void constantConjunctsOfWhereAreRecordedWithTheirLiteral() {
        assertThat(filters("SELECT * FROM s.sales WHERE channel = 'store' AND sale_date >= DATE '2024-01-01'"
                        + " AND deleted_at IS NULL AND qty = 3"))
                .containsExactly(
                        new ConstantFilter(new ColumnRef("s.sales", "channel"), "channel = 'store'"),
                        new ConstantFilter(new ColumnRef("s.sales", "deleted_at"), "deleted_at IS NULL"),
                        new ConstantFilter(new ColumnRef("s.sales", "qty"), "qty = 3"));
    }

    @Test
    void aliasesResolveToTheTableAndTheConditionUsesTheBareColumn() {
        assertThat(filters("SELECT * FROM s.sales x JOIN s.stores t ON t.id = x.store_id WHERE x.channel = 'web'"))
                .containsExactly(new ConstantFilter(new ColumnRef("s.sales", "channel"), "channel = 'web'"));
    }

    @Test
    void comparisonsUnderOrOrANegatedAndAreNoConjuncts() {
        assertThat(filters("SELECT * FROM t WHERE a = 1 OR b = 2")).isEmpty();
        assertThat(filters("SELECT * FROM t WHERE NOT (a = 1 AND b = 2)")).isEmpty();
        assertThat(filters("SELECT * FROM t WHERE NOT (a IS NULL)"))
                .containsExactly(new ConstantFilter(new ColumnRef("t", "a"), "a IS NOT NULL"));
    }

    @Test
    void parametersRangesHavingAndJoinConditionsAreNoConstantFilters() {
        assertThat(filters("SELECT * FROM t WHERE a = $1 AND b > 5")).isEmpty();
        assertThat(filters("SELECT a, count(*) FROM t GROUP BY a HAVING count(*) = 1"))
                .isEmpty();
        assertThat(filters("SELECT * FROM t JOIN u ON u.k = t.k AND u.flag = 'y'"))
                .isEmpty();
    }

    @Test
    void nestedBlocksCount() {
        assertThat(filters("WITH w AS (SELECT store_id FROM s.sales WHERE channel = 'store') SELECT * FROM w"))
                .extracting(ConstantFilter::condition)
                .containsExactly("channel = 'store'");
    }

    @Test
    void theFingerprintStillMasksTheLiteral() {
        assertThat(ANALYZER.analyze("SELECT * FROM t WHERE channel = 'store'").fingerprint())
                .isEqualTo(ANALYZER.analyze("SELECT * FROM t WHERE channel = 'web'")
                        .fingerprint());
    }
}
