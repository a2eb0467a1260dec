package io.dwpilot.models.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.models.sql.SqlAnalyzer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexSelectorTest {
    private static final SqlAnalyzer ANALYZER = new SqlAnalyzer();

    /**
     * A stand-in for the planner: a query filtering table {@code table} on {@code columns} costs {@code base}
     * without an index, halved for every leading key column of an index on its table that it filters on (the best
     * index wins). So (a) halves the cost of a query on a and b, and (a, b) quarters it.
     */
    private record Shape(String table, List<String> columns, double base) {}

    private final Map<Fingerprint, Shape> shapes = new HashMap<>();
    private int modelCalls;

    private final CostModel costModel = (query, indexes) -> {
        modelCalls++;
        Shape shape = shapes.get(query.analysis().fingerprint());
        double best = 1;
        for (IndexCandidate index : indexes) {
            if (!index.table().equals(shape.table())) {
                continue;
            }
            int matched = 0;
            while (matched < index.keyColumns().size()
                    && shape.columns().contains(index.keyColumnNames().get(matched))) {
                matched++;
            }
            best = Math.min(best, Math.pow(0.5, matched));
        }
        return shape.base() * best;
    };

    private WorkloadQuery query(String table, double base, double weight, String... columns) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(table).append(" WHERE ");
        for (int i = 0; i < columns.length; i++) {
            sql.append(i == 0 ? "" : " AND ").append(columns[i]).append(" = $").append(i + 1);
        }
        WorkloadQuery query = new WorkloadQuery(ANALYZER.analyze(sql.toString()), weight);
        shapes.put(query.analysis().fingerprint(), new Shape(table, List.of(columns), base));
        return query;
    }

    private static IndexCandidate index(String table, WorkloadQuery served, String... keys) {
        return new IndexCandidate(
                table,
                List.of(keys).stream().map(KeyColumn::ascending).toList(),
                List.of(),
                Optional.empty(),
                Map.of(served.analysis().fingerprint(), served.weight()));
    }

    /** Sizes by candidate, so that the tests decide exactly what fits: an index not listed never does. */
    private static SizeEstimator sizes(Map<IndexCandidate, Long> bytes) {
        return candidate -> bytes.getOrDefault(candidate, Long.MAX_VALUE / 4);
    }

    @Test
    void theTwoColumnIndexIsPreferredWhenTheBudgetAllowsIt() {
        WorkloadQuery q1 = query("t", 100, 2, "a", "b");
        IndexCandidate a = index("t", q1, "a");
        IndexCandidate ab = index("t", q1, "a", "b");
        IndexSelector selector = new IndexSelector(costModel, sizes(Map.of(a, 100L, ab, 150L)));

        Selection selection = selector.select(List.of(q1), List.of(a, ab), WriteLoad.none(), 1_000);

        assertThat(selection.candidates()).containsExactly(ab);
        ChosenIndex chosen = selection.chosen().get(0);
        assertThat(chosen.sizeBytes()).isEqualTo(150);
        assertThat(chosen.benefit()).isEqualTo(2 * 75.0);
        assertThat(chosen.maintenanceCost()).isZero();
        assertThat(chosen.helps()).containsExactly(new QueryEffect(q1.analysis().fingerprint(), 2, 100, 25));
        assertThat(chosen.helps().get(0).weightedCostBefore()).isEqualTo(200);
        assertThat(chosen.helps().get(0).weightedCostAfter()).isEqualTo(50);
        assertThat(selection.totalBytes()).isEqualTo(150);
        assertThat(selection.budgetBytes()).isEqualTo(1_000);
        assertThat(selection.workloadCostBefore()).isEqualTo(200);
        assertThat(selection.workloadCostAfter()).isEqualTo(50);
    }

    @Test
    void theOneColumnIndexIsChosenWhenOnlyItFits() {
        WorkloadQuery q1 = query("t", 100, 1, "a", "b");
        IndexCandidate a = index("t", q1, "a");
        IndexCandidate ab = index("t", q1, "a", "b");
        IndexSelector selector = new IndexSelector(costModel, sizes(Map.of(a, 100L, ab, 150L)));

        Selection selection = selector.select(List.of(q1), List.of(a, ab), WriteLoad.none(), 120);

        assertThat(selection.candidates()).containsExactly(a);
        assertThat(selection.chosen().get(0).helps())
                .containsExactly(new QueryEffect(q1.analysis().fingerprint(), 1, 100, 50));
        assertThat(selection.totalBytes()).isEqualTo(100);
    }

    @Test
    void nothingFitsAZeroBudget() {
        WorkloadQuery q1 = query("t", 100, 1, "a", "b");
        IndexCandidate a = index("t", q1, "a");
        Selection selection = new IndexSelector(costModel, sizes(Map.of(a, 100L)))
                .select(List.of(q1), List.of(a), WriteLoad.none(), 0);

        assertThat(selection.chosen()).isEmpty();
        assertThat(selection.workloadCostAfter()).isEqualTo(selection.workloadCostBefore());
    }

    @Test
    void aUselessCandidateIsNeverChosen() {
        WorkloadQuery q1 = query("t", 100, 1, "a", "b");
        IndexCandidate c = index("t", q1, "c");
        IndexCandidate ca = index("t", q1, "c", "a");
        IndexCandidate a = index("t", q1, "a");
        IndexSelector selector = new IndexSelector(costModel, sizes(Map.of(c, 10L, ca, 20L, a, 100L)));

        assertThat(selector.select(List.of(q1), List.of(c, ca), WriteLoad.none(), 1_000_000)
                        .chosen())
                .isEmpty();
        assertThat(selector.select(List.of(q1), List.of(c, a, ca), WriteLoad.none(), 1_000_000)
                        .candidates())
                .containsExactly(a);
    }

    @Test
    void aTableWhoseWritesDominateGetsNoIndex() {
        WorkloadQuery onT = query("t", 100, 1, "a", "b");
        WorkloadQuery onU = query("u", 100, 1, "x");
        IndexCandidate a = index("t", onT, "a");
        IndexCandidate ab = index("t", onT, "a", "b");
        IndexCandidate x = index("u", onU, "x");
        SizeEstimator sizes = sizes(Map.of(a, 100L, ab, 150L, x, 100L));
        // at 1 cost unit per write, 100 writes cost more than the 75 the best index on t saves
        IndexSelector selector = new IndexSelector(costModel, sizes, 1.0, 10);
        List<IndexCandidate> candidates = List.of(a, ab, x);

        Selection heavy = selector.select(List.of(onT, onU), candidates, new WriteLoad(Map.of("t", 100.0)), 10_000);
        Selection light = selector.select(List.of(onT, onU), candidates, new WriteLoad(Map.of("t", 10.0)), 10_000);

        assertThat(heavy.candidates()).containsExactly(x);
        assertThat(light.candidates()).containsExactlyInAnyOrder(ab, x);
        ChosenIndex onTable = light.chosen().stream()
                .filter(chosen -> chosen.candidate().equals(ab))
                .findFirst()
                .orElseThrow();
        assertThat(onTable.maintenanceCost()).isEqualTo(10);
        assertThat(onTable.netBenefit()).isEqualTo(75 - 10);
    }

    @Test
    void noMoreIndexesAreAddedThanTheMaximumButOneMayStillBeWidened() {
        WorkloadQuery onT = query("t", 100, 1, "a", "b");
        WorkloadQuery onU = query("u", 1_000, 1, "x");
        IndexCandidate a = index("t", onT, "a");
        IndexCandidate ab = index("t", onT, "a", "b");
        IndexCandidate x = index("u", onU, "x");
        IndexSelector selector = new IndexSelector(costModel, sizes(Map.of(a, 100L, ab, 150L, x, 100L)), 0, 1);

        Selection selection = selector.select(List.of(onT, onU), List.of(a, ab, x), WriteLoad.none(), 10_000);

        assertThat(selection.candidates()).containsExactly(x);
        assertThat(new IndexSelector(costModel, sizes(Map.of(a, 100L, ab, 150L)), 0, 1)
                        .select(List.of(onT), List.of(a, ab), WriteLoad.none(), 10_000)
                        .candidates())
                .containsExactly(ab);
    }

    @Test
    void theChosenOrderIsByBenefitPerByteAndTheSameOnEveryRun() {
        WorkloadQuery small = query("t", 100, 1, "a");
        WorkloadQuery big = query("u", 100, 5, "x");
        WorkloadQuery tie1 = query("v", 100, 1, "p");
        WorkloadQuery tie2 = query("w", 100, 1, "q");
        List<WorkloadQuery> workload = List.of(small, big, tie1, tie2);
        IndexCandidate a = index("t", small, "a");
        IndexCandidate x = index("u", big, "x");
        IndexCandidate p = index("v", tie1, "p");
        IndexCandidate q = index("w", tie2, "q");
        IndexSelector selector = new IndexSelector(costModel, sizes(Map.of(a, 100L, x, 100L, p, 200L, q, 200L)));

        List<IndexCandidate> first = selector.select(workload, List.of(a, x, p, q), WriteLoad.none(), 10_000)
                .candidates();

        assertThat(first).containsExactly(x, a, p, q);
        for (int run = 0; run < 5; run++) {
            assertThat(selector.select(workload, List.of(a, x, p, q), WriteLoad.none(), 10_000)
                            .candidates())
                    .isEqualTo(first);
        }
    }

    @Test
    void whatIfAnswersAreReusedAndOnlyQueriesOnTheTableAreAsked() {
        WorkloadQuery onT = query("t", 100, 1, "a", "b");
        WorkloadQuery onU = query("u", 100, 1, "x");
        WorkloadQuery unused = query("v", 100, 0, "p");
        IndexCandidate a = index("t", onT, "a");
        IndexCandidate ab = index("t", onT, "a", "b");
        IndexCandidate x = index("u", onU, "x");
        IndexSelector selector = new IndexSelector(costModel, sizes(Map.of(a, 100L, ab, 150L, x, 100L)));

        Selection selection = selector.select(List.of(onT, onU, unused), List.of(a, ab, x), WriteLoad.none(), 10_000);

        // baselines 2, then t with (a), u with (x), then t with (a, b): every other question was answered before
        assertThat(selection.costModelCalls()).isEqualTo(5).isEqualTo(modelCalls);
        // (a) and (x) tie on benefit per byte, as do the widening to (a, b) and (x): the one listed first wins
        assertThat(selection.candidates()).containsExactly(ab, x);
    }

    @Test
    void theBudgetIsNeverExceeded() {
        Random random = new Random(42);
        List<WorkloadQuery> workload = new ArrayList<>();
        List<IndexCandidate> candidates = new ArrayList<>();
        List<TableStatistics> statistics = new ArrayList<>();
        List<String> columns = List.of("a", "b", "c", "d");
        for (int t = 0; t < 4; t++) {
            String table = "t" + t;
            statistics.add(new TableStatistics(
                    table, 10_000 + random.nextInt(1_000_000), Map.of("a", 4.0, "b", 8.0, "c", 16.0, "d", 32.0)));
            for (int q = 0; q < 4; q++) {
                List<String> filtered = new ArrayList<>(columns);
                Collections.shuffle(filtered, random);
                filtered = filtered.subList(0, 1 + random.nextInt(3));
                WorkloadQuery query = query(
                        table, 10 + random.nextInt(10_000), 1 + random.nextInt(20), filtered.toArray(String[]::new));
                if (workload.stream()
                        .anyMatch(w -> w.analysis()
                                .fingerprint()
                                .equals(query.analysis().fingerprint()))) {
                    continue;
                }
                workload.add(query);
                for (int width = 1; width <= filtered.size(); width++) {
                    IndexCandidate candidate =
                            index(table, query, filtered.subList(0, width).toArray(String[]::new));
                    if (candidates.stream()
                            .noneMatch(c ->
                                    c.table().equals(table) && c.keyColumns().equals(candidate.keyColumns()))) {
                        candidates.add(candidate);
                    }
                }
            }
        }
        StatisticsSizeEstimator sizes = new StatisticsSizeEstimator(statistics);
        IndexSelector selector = new IndexSelector(costModel, sizes, 0.5, 50);
        WriteLoad writes = new WriteLoad(Map.of("t1", 5_000.0));
        long total = candidates.stream().mapToLong(sizes::bytes).sum();
        int nonEmpty = 0;
        for (int run = 0; run < 200; run++) {
            long budget = run == 0 ? total : (long) (random.nextDouble() * total);
            Selection selection = selector.select(workload, candidates, writes, budget);

            assertThat(selection.totalBytes()).isLessThanOrEqualTo(budget);
            assertThat(selection.chosen().stream()
                            .mapToLong(ChosenIndex::sizeBytes)
                            .sum())
                    .isEqualTo(selection.totalBytes());
            assertThat(selection.chosen()).allSatisfy(chosen -> {
                assertThat(chosen.sizeBytes()).isEqualTo(sizes.bytes(chosen.candidate()));
                assertThat(chosen.netBenefit()).isPositive();
            });
            assertThat(selection.workloadCostAfter()).isLessThanOrEqualTo(selection.workloadCostBefore());
            nonEmpty += selection.chosen().isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).isGreaterThan(100);
    }

    @Test
    void anIndexTheOthersMadeRedundantIsDroppedAgain() {
        WorkloadQuery q1 = query("t", 100, 1, "a", "b");
        IndexCandidate b = index("t", q1, "b");
        IndexCandidate a = index("t", q1, "a");
        IndexCandidate ab = index("t", q1, "a", "b");
        // b is chosen first, a joins it (a bitmap AND), then widens to (a, b), which serves the query without b
        CostModel bitmaps = (query, indexes) -> indexes.contains(ab)
                ? 5
                : indexes.contains(a) && indexes.contains(b)
                        ? 30
                        : indexes.contains(b) ? 50 : indexes.contains(a) ? 60 : 100;
        IndexSelector selector = new IndexSelector(bitmaps, sizes(Map.of(b, 100L, a, 100L, ab, 150L)), 0, 10, 0);

        Selection selection = selector.select(List.of(q1), List.of(b, a, ab), WriteLoad.none(), 1_000);

        assertThat(selection.candidates()).containsExactly(ab);
        assertThat(selection.totalBytes()).isEqualTo(150);
        assertThat(selection.workloadCostAfter()).isEqualTo(5);
        assertThat(selection.chosen().get(0).helps())
                .singleElement()
                .satisfies(effect -> assertThat(effect.costBefore()).isEqualTo(100));
    }

    @Test
    void aSavingBelowTheMinimumDoesNotCount() {
        WorkloadQuery q1 = query("t", 100, 1, "a");
        IndexCandidate a = index("t", q1, "a");
        CostModel slightlyCheaper = (query, indexes) -> indexes.isEmpty() ? 100 : 80;

        Selection strict = new IndexSelector(slightlyCheaper, sizes(Map.of(a, 100L)), 0, 10, 0.3)
                .select(List.of(q1), List.of(a), WriteLoad.none(), 1_000);
        Selection lenient = new IndexSelector(slightlyCheaper, sizes(Map.of(a, 100L)), 0, 10, 0.1)
                .select(List.of(q1), List.of(a), WriteLoad.none(), 1_000);

        assertThat(strict.chosen()).isEmpty();
        assertThat(lenient.candidates()).containsExactly(a);
    }

    @Test
    void aChosenIndexIsWidenedByAnyAttributeOfItsTableAsExtendDoes() {
        WorkloadQuery q1 = query("t", 100, 1, "a", "b");
        IndexCandidate a = index("t", q1, "a");
        IndexCandidate b = index("t", q1, "b");
        SizeEstimator byWidth = candidate -> 100L * candidate.keyColumns().size();

        Selection selection =
                new IndexSelector(costModel, byWidth).select(List.of(q1), List.of(a, b), WriteLoad.none(), 1_000);

        assertThat(selection.candidates())
                .singleElement()
                .satisfies(index -> assertThat(index.keyColumnNames()).containsExactly("a", "b"));
        assertThat(selection.workloadCostAfter()).isEqualTo(25);
    }

    @Test
    void aStepThatMakesAnotherQueryCostlierCountsAgainstItWhateverTheMinimumSaving() {
        WorkloadQuery helped = query("t", 100, 1, "a");
        WorkloadQuery hurt = query("t", 100, 1, "b");
        IndexCandidate a = index("t", helped, "a");
        // a saves 40 on one query and costs the other 60 more: a loss overall
        CostModel model = (query, indexes) -> indexes.isEmpty()
                ? 100
                : query.analysis().fingerprint().equals(helped.analysis().fingerprint()) ? 60 : 160;

        Selection selection = new IndexSelector(model, sizes(Map.of(a, 100L)), 0, 10, 0.3)
                .select(List.of(helped, hurt), List.of(a), WriteLoad.none(), 1_000);

        assertThat(selection.chosen()).isEmpty();
    }
}
