package io.dwpilot.models.ml.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.models.ml.FeatureVector;
import io.dwpilot.models.sql.SqlAnalyzer;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostFeaturesTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();
    private static final String SQL = """
            SELECT DISTINCT c.region, sum(s.amount) AS revenue
            FROM silver.sales_cleaned s JOIN silver.customers_cleaned c ON s.customer_id = c.customer_id
            WHERE s.sale_date >= '2024-01-01' AND s.store_id IN (1, 2, 3) AND c.email LIKE '%@x.org'
              AND c.region = 'north' AND c.deleted_at IS NULL AND s.channel <> 'web'
              AND s.product_id IN (SELECT product_id FROM silver.products_cleaned WHERE category = 'toys')
            GROUP BY c.region
            ORDER BY revenue DESC
            LIMIT 100
            """;
    // a Saturday, 18:00 UTC
    private static final Instant SATURDAY_EVENING = Instant.parse("2024-06-01T18:30:00Z");

    @Test
    void schemaIsVersionTwoAndCoversEveryGroup() {
        assertThat(CostFeatures.SCHEMA.version()).isEqualTo(2);
        assertThat(CostFeatures.SCHEMA.names())
                .anyMatch(n -> n.startsWith("sql_"))
                .anyMatch(n -> n.startsWith("lit_"))
                .anyMatch(n -> n.startsWith("plan_"))
                .anyMatch(n -> n.startsWith("volume_"))
                .anyMatch(n -> n.startsWith("ctx_"))
                .anyMatch(n -> n.startsWith("hist_"));
    }

    @Test
    void describesTheStatementsShape() {
        FeatureVector v = CostFeatures.extract(inputs(Optional.of(ANALYZER.analyze(SQL)), Optional.empty()));

        assertThat(v.get("sql_known")).isEqualTo(1f);
        assertThat(v.get("sql_kind_select")).isEqualTo(1f);
        assertThat(v.get("sql_kind_update") + v.get("sql_kind_other")).isZero();
        assertThat(v.get("sql_tables")).isEqualTo(3f);
        assertThat(v.get("sql_joins")).isEqualTo(1f);
        assertThat(v.get("sql_pred_column")).isEqualTo(1f);
        assertThat(v.get("sql_pred_range")).isEqualTo(1f);
        assertThat(v.get("sql_pred_in")).isEqualTo(1f);
        assertThat(v.get("sql_pred_like")).isEqualTo(1f);
        assertThat(v.get("sql_pred_null")).isEqualTo(1f);
        assertThat(v.get("sql_pred_other")).isEqualTo(1f);
        assertThat(v.get("sql_pred_subquery")).isEqualTo(1f);
        assertThat(v.get("sql_pred_equality")).isEqualTo(2f); // c.region = 'north' and the subquery's category
        assertThat(v.get("sql_aggregates")).isEqualTo(1f);
        assertThat(v.get("sql_group_by")).isEqualTo(1f);
        assertThat(v.get("sql_distinct")).isEqualTo(1f);
        assertThat(v.get("sql_subquery_depth")).isEqualTo(1f);
        assertThat(v.get("sql_has_limit")).isEqualTo(1f);
        assertThat((double) v.get("sql_log_limit")).isCloseTo(Math.log1p(100), within(1e-6));
        assertThat(v.get("plan_known")).isZero();
    }

    @Test
    void describesThePlanVolumeContextAndHistory() {
        PlanSummary plan = PlanSummary.parse(PlanSummaryTest.JOIN_PLAN);
        HistorySnapshot history = new HistorySnapshot(9, 3.1, 0.4, 3.3, 3.2);
        CostInputs inputs = new CostInputs(
                Optional.empty(),
                DateLiterals.NONE,
                Optional.of(plan),
                new DataVolume(1e6, 2e8),
                ExecutionContext.at(SATURDAY_EVENING, 4, 0.93),
                history);

        FeatureVector v = CostFeatures.extract(inputs);

        assertThat(v.get("plan_known")).isEqualTo(1f);
        assertThat((double) v.get("plan_log_total_cost")).isCloseTo(Math.log1p(25444.68), within(1e-5));
        assertThat(v.get("plan_seq_scans")).isEqualTo(1f);
        assertThat(v.get("plan_bitmap_scans")).isEqualTo(1f);
        assertThat(v.get("plan_workers")).isEqualTo(2f);
        assertThat(v.get("plan_indexes_used")).isEqualTo(1f);
        assertThat((double) v.get("volume_log_rows")).isCloseTo(Math.log1p(1e6), within(1e-5));
        assertThat((double) v.get("ctx_log_concurrency")).isCloseTo(Math.log1p(4), within(1e-6));
        assertThat((double) v.get("ctx_hour_sin")).isCloseTo(Math.sin(2 * Math.PI * 18 / 24), within(1e-6));
        assertThat((double) v.get("ctx_hour_cos")).isCloseTo(Math.cos(2 * Math.PI * 18 / 24), within(1e-6));
        assertThat(v.get("ctx_weekend")).isEqualTo(1f);
        assertThat(v.get("ctx_cache_known")).isEqualTo(1f);
        assertThat((double) v.get("ctx_cache_hit_ratio")).isCloseTo(0.93, within(1e-6));
        assertThat(v.get("hist_seen")).isEqualTo(1f);
        assertThat((double) v.get("hist_log_count")).isCloseTo(Math.log1p(9), within(1e-6));
        assertThat((double) v.get("hist_mean_log_ms")).isCloseTo(3.1, within(1e-6));
        assertThat((double) v.get("hist_ewma_log_ms")).isCloseTo(3.2, within(1e-6));
        assertThat(v.get("sql_known")).isZero();
    }

    @Test
    void absentPartsAreZerosWithTheirFlagsOff() {
        CostInputs nothing = new CostInputs(
                Optional.empty(),
                DateLiterals.NONE,
                Optional.empty(),
                DataVolume.NONE,
                new ExecutionContext(0, 0, 1, Double.NaN),
                HistorySnapshot.EMPTY);

        FeatureVector v = CostFeatures.extract(nothing);

        for (String name : CostFeatures.SCHEMA.names()) {
            float expected = name.equals("ctx_hour_cos") ? 1f : 0f; // midnight: cos(0)
            assertThat(v.get(name)).as(name).isEqualTo(expected);
        }
    }

    @Test
    void aHistoryThatIsNotFiniteIsRejectedRatherThanFedToAModel() {
        CostInputs broken = inputs(Optional.empty(), Optional.empty());
        CostInputs withNan = new CostInputs(
                broken.analysis(),
                broken.dates(),
                broken.plan(),
                broken.volume(),
                broken.context(),
                new HistorySnapshot(2, Double.NaN, 0, 1, 1));

        assertThatThrownBy(() -> CostFeatures.extract(withNan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hist_mean_log_ms");
    }

    @Test
    void executionContextTakesHourAndDayInUtcAndChecksItsRanges() {
        ExecutionContext context = ExecutionContext.at(Instant.parse("2024-06-03T00:05:00Z"), 0, Double.NaN);

        assertThat(context.hourOfDay()).isZero();
        assertThat(context.isoDayOfWeek()).isEqualTo(1);
        assertThat(context.weekend()).isFalse();
        assertThat(context.cacheHitRatioKnown()).isFalse();
        assertThatThrownBy(() -> new ExecutionContext(1, 24, 1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecutionContext(1, 3, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataVolume(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CostInputs inputs(
            Optional<io.dwpilot.models.sql.QueryAnalysis> analysis, Optional<PlanSummary> plan) {
        return new CostInputs(
                analysis,
                DateLiterals.NONE,
                plan,
                DataVolume.NONE,
                ExecutionContext.at(SATURDAY_EVENING, 0, Double.NaN),
                HistorySnapshot.EMPTY);
    }
}
