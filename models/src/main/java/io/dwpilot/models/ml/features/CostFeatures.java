package io.dwpilot.models.ml.features;

import io.dwpilot.models.ml.FeatureSchema;
import io.dwpilot.models.ml.FeatureVector;
import io.dwpilot.models.sql.ColumnRole;
import io.dwpilot.models.sql.Predicate;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.StatementKind;
import io.dwpilot.models.sql.ValueKind;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The cost predictor's features of one execution. This one function is used when the gateway predicts and when the
 * trainer builds its examples, so both see exactly the same numbers.
 *
 * <p>Groups (the names carry their prefix): {@code sql_*} the statement's shape, {@code lit_*} the dates its literals
 * name (how much time a range covers: what statements of one fingerprint differ in), {@code plan_*} the planner's plan,
 * {@code volume_*} the data in the tables read, {@code ctx_*} the circumstances, {@code hist_*} the fingerprint's
 * latency history. A missing analysis, plan or history writes 0 for its group and 0 for its flag
 * ({@code sql_known}, {@code plan_known}, {@code hist_seen}); an unknown cache hit ratio likewise
 * ({@code ctx_cache_known}). Magnitudes that span orders (costs, rows, bytes, limits, counts of executions or
 * concurrent queries) enter as logs. Every value is finite.
 *
 * <p>Predicates are counted by what they compare: {@code sql_pred_column} (column with column: join conditions),
 * {@code sql_pred_subquery}, and the others by operator: equality, range ({@code < <= > >= BETWEEN}), IN, LIKE,
 * IS NULL, and the rest ({@code <>} and the NOT forms of equality-like tests).
 *
 * <p>Changing a feature's meaning, adding or removing one requires a new {@link #SCHEMA} version: models record the
 * schema they were trained on and refuse vectors of another.
 */
public final class CostFeatures {
    private static final Set<StatementKind> NAMED_KINDS =
            Set.of(StatementKind.SELECT, StatementKind.INSERT, StatementKind.UPDATE, StatementKind.DELETE);
    private static final Set<String> EQUALITY = Set.of("=");
    private static final Set<String> RANGE = Set.of("<", "<=", ">", ">=", "BETWEEN", "NOT BETWEEN");
    private static final Set<String> IN = Set.of("IN", "NOT IN");
    private static final Set<String> LIKE = Set.of("LIKE", "ILIKE", "NOT LIKE", "NOT ILIKE");
    private static final Set<String> NULL_TESTS = Set.of("IS NULL", "IS NOT NULL");
    private static final double TWO_PI_PER_DAY = 2 * Math.PI / 24;

    /** A feature: its name and how it is computed, side by side so that they never drift apart. */
    private record Feature(String name, ToDoubleFunction<CostInputs> value) {}

    private static final List<Feature> FEATURES = List.of(
            sql("sql_known", a -> 1),
            sql("sql_kind_select", a -> kind(a, StatementKind.SELECT)),
            sql("sql_kind_insert", a -> kind(a, StatementKind.INSERT)),
            sql("sql_kind_update", a -> kind(a, StatementKind.UPDATE)),
            sql("sql_kind_delete", a -> kind(a, StatementKind.DELETE)),
            sql("sql_kind_other", a -> NAMED_KINDS.contains(a.kind()) ? 0 : 1),
            sql("sql_tables", a -> a.tables().size()),
            sql("sql_joins", a -> a.joins().size()),
            sql("sql_pred_equality", a -> literalPredicates(a, EQUALITY)),
            sql("sql_pred_range", a -> literalPredicates(a, RANGE)),
            sql("sql_pred_in", a -> literalPredicates(a, IN)),
            sql("sql_pred_like", a -> literalPredicates(a, LIKE)),
            sql("sql_pred_null", a -> literalPredicates(a, NULL_TESTS)),
            sql("sql_pred_other", CostFeatures::otherPredicates),
            sql("sql_pred_column", a -> predicates(a, ValueKind.COLUMN)),
            sql("sql_pred_subquery", a -> predicates(a, ValueKind.SUBQUERY)),
            sql("sql_aggregates", a -> a.aggregates().size()),
            sql("sql_group_by", a -> a.columns(ColumnRole.GROUP_BY).size()),
            sql("sql_window_functions", a -> a.windowFunctionCount()),
            sql("sql_subquery_depth", a -> a.subqueryDepth()),
            sql("sql_distinct", a -> a.distinct() ? 1 : 0),
            sql("sql_has_limit", a -> a.limit().isPresent() ? 1 : 0),
            sql(
                    "sql_log_limit",
                    a -> a.limit().map(limit -> Math.log1p(Math.max(0, limit))).orElse(0.0)),
            sql("sql_sort_keys", a -> a.sortKeys().size()),
            new Feature("lit_date_literals", in -> in.dates().count()),
            new Feature("lit_log_date_span_days", in -> Math.log1p(in.dates().spanDays())),
            plan("plan_known", p -> 1),
            plan("plan_log_total_cost", p -> Math.log1p(p.totalCost())),
            plan("plan_log_startup_cost", p -> Math.log1p(p.startupCost())),
            plan("plan_log_rows", p -> Math.log1p(p.planRows())),
            plan("plan_width", p -> p.planWidth()),
            plan("plan_nodes", p -> p.nodes()),
            plan("plan_depth", p -> p.depth()),
            plan("plan_seq_scans", p -> p.seqScans()),
            plan("plan_index_scans", p -> p.indexScans()),
            plan("plan_bitmap_scans", p -> p.bitmapScans()),
            plan("plan_nested_loops", p -> p.nestedLoops()),
            plan("plan_hash_joins", p -> p.hashJoins()),
            plan("plan_merge_joins", p -> p.mergeJoins()),
            plan("plan_sorts", p -> p.sorts()),
            plan("plan_aggregates", p -> p.aggregates()),
            plan("plan_workers", p -> p.workersPlanned()),
            plan("plan_indexes_used", p -> p.indexesUsed().size()),
            new Feature("volume_log_rows", in -> Math.log1p(in.volume().rows())),
            new Feature("volume_log_bytes", in -> Math.log1p(in.volume().bytes())),
            context("ctx_log_concurrency", c -> Math.log1p(c.concurrentQueries())),
            context("ctx_hour_sin", c -> Math.sin(TWO_PI_PER_DAY * c.hourOfDay())),
            context("ctx_hour_cos", c -> Math.cos(TWO_PI_PER_DAY * c.hourOfDay())),
            context("ctx_weekend", c -> c.weekend() ? 1 : 0),
            context("ctx_cache_known", c -> c.cacheHitRatioKnown() ? 1 : 0),
            context("ctx_cache_hit_ratio", c -> c.cacheHitRatioKnown() ? c.cacheHitRatio() : 0),
            history("hist_seen", h -> 1),
            history("hist_log_count", h -> Math.log1p(h.count())),
            history("hist_mean_log_ms", HistorySnapshot::meanLogMs),
            history("hist_std_log_ms", HistorySnapshot::stdLogMs),
            history("hist_last_log_ms", HistorySnapshot::lastLogMs),
            history("hist_ewma_log_ms", HistorySnapshot::ewmaLogMs));

    /** Version 2 of the cost features (version 1 had no {@code lit_*} features). */
    public static final FeatureSchema SCHEMA =
            new FeatureSchema(2, FEATURES.stream().map(Feature::name).toList());

    private CostFeatures() {}

    /**
     * The features of one execution.
     *
     * @throws IllegalArgumentException if an input yields a non-finite value (e.g. a history with a NaN mean)
     */
    public static FeatureVector extract(CostInputs inputs) {
        float[] values = new float[FEATURES.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) FEATURES.get(i).value().applyAsDouble(inputs);
        }
        return new FeatureVector(SCHEMA, values);
    }

    private static Feature sql(String name, ToDoubleFunction<QueryAnalysis> value) {
        return new Feature(name, in -> in.analysis().map(value::applyAsDouble).orElse(0.0));
    }

    private static Feature plan(String name, ToDoubleFunction<PlanSummary> value) {
        return new Feature(name, in -> in.plan().map(value::applyAsDouble).orElse(0.0));
    }

    private static Feature context(String name, ToDoubleFunction<ExecutionContext> value) {
        return new Feature(name, in -> value.applyAsDouble(in.context()));
    }

    private static Feature history(String name, ToDoubleFunction<HistorySnapshot> value) {
        return new Feature(name, in -> in.history().seen() ? value.applyAsDouble(in.history()) : 0);
    }

    private static double kind(QueryAnalysis analysis, StatementKind kind) {
        return analysis.kind() == kind ? 1 : 0;
    }

    private static double predicates(QueryAnalysis analysis, ValueKind kind) {
        return analysis.predicates().stream().filter(p -> p.valueKind() == kind).count();
    }

    /** Predicates that compare with a value rather than a column or a subquery, by operator. */
    private static double literalPredicates(QueryAnalysis analysis, Set<String> operators) {
        return analysis.predicates().stream()
                .filter(CostFeatures::comparesWithValue)
                .filter(p -> operators.contains(p.operator()))
                .count();
    }

    private static double otherPredicates(QueryAnalysis analysis) {
        return analysis.predicates().stream()
                .filter(CostFeatures::comparesWithValue)
                .filter(p -> Stream.of(EQUALITY, RANGE, IN, LIKE, NULL_TESTS).noneMatch(s -> s.contains(p.operator())))
                .count();
    }

    private static boolean comparesWithValue(Predicate predicate) {
        return predicate.valueKind() != ValueKind.COLUMN && predicate.valueKind() != ValueKind.SUBQUERY;
    }
}
