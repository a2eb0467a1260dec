package io.dwpilot.simulator.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.models.sql.JoinInfo;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SqlAnalyzer;
import io.dwpilot.models.sql.StatementKind;
import io.dwpilot.simulator.tpch.TpchQueries.TpchQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The SQL analyzer against the 22 TPC-H queries: the workload the optimizer is first measured on. */
class TpchFingerprintTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    static List<TpchQuery> queries() {
        return TpchQueries.all();
    }

    @ParameterizedTest(name = "TPC-H Q{index}")
    @MethodSource("queries")
    void everyQueryParsesAndReadsTpchTables(TpchQuery query) {
        QueryAnalysis analysis = ANALYZER.analyze(query.sql());

        assertThat(analysis.kind()).isEqualTo(StatementKind.SELECT);
        assertThat(analysis.tables()).isNotEmpty().allMatch(table -> table.startsWith("tpch."));
        assertThat(analysis.fingerprint().hash()).hasSize(16);
    }

    @Test
    void q1ReadsOnlyLineitem() {
        QueryAnalysis q1 = ANALYZER.analyze(TpchQueries.query(1).sql());

        assertThat(q1.tables()).containsExactly("tpch.lineitem");
        assertThat(q1.aggregates()).containsOnly("sum", "avg", "count");
        assertThat(q1.joins()).isEmpty();
    }

    @Test
    void q5JoinsSixTables() {
        QueryAnalysis q5 = ANALYZER.analyze(TpchQueries.query(5).sql());

        assertThat(q5.tables())
                .containsExactly(
                        "tpch.customer", "tpch.orders", "tpch.lineitem", "tpch.supplier", "tpch.nation", "tpch.region");
        assertThat(q5.joins()).hasSize(5).extracting(JoinInfo::type).containsOnly("inner");
    }

    @Test
    void allTwentyTwoFingerprintsAreDistinct() {
        List<Fingerprint> fingerprints = TpchQueries.all().stream()
                .map(query -> ANALYZER.analyze(query.sql()).fingerprint())
                .toList();

        assertThat(fingerprints)
                .extracting(Fingerprint::hash)
                .doesNotHaveDuplicates()
                .hasSize(22);
        assertThat(fingerprints).extracting(Fingerprint::normalizedText).doesNotHaveDuplicates();
    }

    @Test
    void q6WithOtherParametersHasTheSameFingerprint() {
        String q6 = TpchQueries.query(6).sql();
        String otherYearAndDiscount =
                q6.replace("0.06", "0.07").replace("1994-01-01", "1996-01-01").replace("< 24", "< 25");

        assertThat(otherYearAndDiscount).isNotEqualTo(q6);
        assertThat(ANALYZER.analyze(otherYearAndDiscount).fingerprint())
                .isEqualTo(ANALYZER.analyze(q6).fingerprint());
    }
}
