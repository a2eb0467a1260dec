package io.dwpilot.models.index;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses indexes under a storage budget the way Extend does (Schlosser, Kossmann and Boissier, ICDE 2019), with
 * index maintenance priced in.
 *
 * <p>Starting from no index, every step considers (a) adding any single-column candidate not chosen yet and (b)
 * widening a chosen index by one more key column, that is replacing chosen {@code (a)} by a candidate
 * {@code (a, b)} of the same table from the candidate list (its INCLUDE columns may differ), or, as Extend does, by
 * {@code (a, c)} for any attribute {@code c} of the table that some single-column candidate indexes. A step scores
 * <pre>
 *   (weighted workload cost saved − added maintenance cost) / added bytes
 * </pre>
 * where a query's cost is weighted by its {@link WorkloadQuery#weight()} and an index's maintenance cost is its
 * table's {@link WriteLoad#writes(String) weighted writes} times {@code maintenanceCostPerWrite} (in planner cost
 * units, like the queries' costs). A query counts towards a step only when the step lowers its estimated cost by at
 * least {@code minimumSaving} (a share of its current cost): smaller estimated savings are within the planner's
 * error (a bitmap scan over a third of a table is "cheaper" on paper and no faster in fact). The best step with a
 * positive net benefit that keeps the total size within the budget is taken; selection stops when there is none.
 * Then every chosen index that the others made redundant (the workload costs no more without it than its
 * maintenance saves) is dropped again, and each remaining index's benefit and helped queries are its marginal
 * ones: the workload's cost without it against with everything chosen. Once {@code maxIndexes} are chosen no index is added, while
 * widening one (which adds none) is still considered. Ties go to the candidate listed first, so the outcome is a
 * function of the inputs.
 *
 * <p>What-if calls are kept down: a step re-plans only the queries that touch the candidate's table (or that the
 * candidate serves), a query is asked about only the chosen indexes on its own tables (others cannot change its
 * plan), answers are remembered for the whole selection, queries of weight 0 are never asked about, and a step
 * that cannot fit the budget is never evaluated.
 */
public final class IndexSelector {
    /** About one random page access per row written, PostgreSQL's {@code random_page_cost}. */
    public static final double DEFAULT_MAINTENANCE_COST_PER_WRITE = 4.0;

    public static final int DEFAULT_MAX_INDEXES = 20;
    /** Dexter trusts only 50 %; below about 30 % the planner's estimate is within its own error for bitmap scans. */
    public static final double DEFAULT_MINIMUM_SAVING = 0.3;

    private final CostModel costModel;
    private final SizeEstimator sizes;
    private final double maintenanceCostPerWrite;
    private final int maxIndexes;
    private final double minimumSaving;

    public IndexSelector(CostModel costModel, SizeEstimator sizes) {
        this(costModel, sizes, DEFAULT_MAINTENANCE_COST_PER_WRITE, DEFAULT_MAX_INDEXES);
    }

    public IndexSelector(CostModel costModel, SizeEstimator sizes, double maintenanceCostPerWrite, int maxIndexes) {
        this(costModel, sizes, maintenanceCostPerWrite, maxIndexes, DEFAULT_MINIMUM_SAVING);
    }

    /** @param minimumSaving the least share of a query's cost a step must save for the query to count, in [0, 1) */
    public IndexSelector(
            CostModel costModel,
            SizeEstimator sizes,
            double maintenanceCostPerWrite,
            int maxIndexes,
            double minimumSaving) {
        this.costModel = Objects.requireNonNull(costModel, "costModel");
        this.sizes = Objects.requireNonNull(sizes, "sizes");
        if (!Double.isFinite(maintenanceCostPerWrite) || maintenanceCostPerWrite < 0) {
            throw new IllegalArgumentException("maintenance cost per write must be finite and not negative");
        }
        if (maxIndexes < 0) {
            throw new IllegalArgumentException("max indexes must not be negative: " + maxIndexes);
        }
        if (!(minimumSaving >= 0 && minimumSaving < 1)) {
            throw new IllegalArgumentException("the minimum saving must be in [0, 1): " + minimumSaving);
        }
        this.maintenanceCostPerWrite = maintenanceCostPerWrite;
        this.maxIndexes = maxIndexes;
        this.minimumSaving = minimumSaving;
    }

    /**
     * The indexes to build for {@code workload}, chosen among {@code candidates}, with {@code writes} priced in,
     * within {@code budgetBytes} (the caller converts MB or a share of the database size).
     */
    public Selection select(
            List<WorkloadQuery> workload, List<IndexCandidate> candidates, WriteLoad writes, long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("the budget must not be negative: " + budgetBytes);
        }
        return new Run(List.copyOf(workload), List.copyOf(new LinkedHashSet<>(candidates)), writes, budgetBytes)
                .select();
    }

    /** One selection: its caches and the state of the greedy search. */
    private final class Run {
        private final List<WorkloadQuery> workload;
        private final List<IndexCandidate> candidates;
        private final Set<IndexCandidate> listed;
        private final Map<String, Set<String>> attributes = new LinkedHashMap<>();
        private final WriteLoad writes;
        private final long budget;
        private final Map<IndexCandidate, Long> sizeCache = new HashMap<>();
        private final Map<CostKey, Double> costCache = new HashMap<>();
        private final double[] current;
        private final List<Entry> chosen = new ArrayList<>();
        private long totalBytes;
        private int calls;

        Run(List<WorkloadQuery> workload, List<IndexCandidate> candidates, WriteLoad writes, long budget) {
            this.workload = workload;
            this.candidates = candidates;
            this.listed = Set.copyOf(candidates);
            candidates.stream()
                    .filter(c -> c.keyColumns().size() == 1)
                    .forEach(c -> attributes
                            .computeIfAbsent(c.table(), t -> new LinkedHashSet<>())
                            .add(c.keyColumnNames().get(0)));
            this.writes = Objects.requireNonNull(writes, "writes");
            this.budget = budget;
            this.current = new double[workload.size()];
        }

        Selection select() {
            Set<IndexCandidate> none = Set.of();
            for (int query = 0; query < workload.size(); query++) {
                current[query] = workload.get(query).weight() == 0 ? 0 : cost(query, none);
            }
            double before = weightedTotal();
            for (Step step = bestStep(); step != null; step = bestStep()) {
                take(step);
            }
            while (pruneOne()) {
                // each pass may make another chosen index redundant
            }
            chosen.forEach(this::settleMarginal);
            List<ChosenIndex> result =
                    chosen.stream().map(entry -> entry.toChosen(workload)).toList();
            return new Selection(result, totalBytes, budget, before, weightedTotal(), calls);
        }

        private Step bestStep() {
            Step best = null;
            for (IndexCandidate candidate : candidates) {
                if (configuration().contains(candidate)) {
                    continue;
                }
                if (candidate.keyColumns().size() == 1) {
                    if (chosen.size() < maxIndexes && chosen.stream().noneMatch(entry -> sameLead(entry, candidate))) {
                        best = better(best, evaluate(candidate, null));
                    }
                } else {
                    for (Entry entry : chosen) {
                        if (widens(candidate, entry.candidate)) {
                            best = better(best, evaluate(candidate, entry));
                        }
                    }
                }
            }
            for (Entry entry : List.copyOf(chosen)) {
                for (IndexCandidate wider : extensions(entry.candidate)) {
                    best = better(best, evaluate(wider, entry));
                }
            }
            return best;
        }

        /**
         * Extend's own widenings that the candidate list lacks: the chosen index with any indexable attribute of its
         * table (one the workload searches, joins, groups or sorts on) appended.
         */
        private List<IndexCandidate> extensions(IndexCandidate index) {
            if (index.keyColumns().size() >= IndexCandidate.MAX_WIDTH) {
                return List.of();
            }
            List<IndexCandidate> extensions = new ArrayList<>();
            for (String attribute : attributes.getOrDefault(index.table(), Set.of())) {
                if (index.keyColumnNames().contains(attribute)) {
                    continue;
                }
                List<KeyColumn> keys = new ArrayList<>(index.keyColumns());
                keys.add(KeyColumn.ascending(attribute));
                List<String> include = index.includeColumns().stream()
                        .filter(c -> !c.equals(attribute))
                        .toList();
                IndexCandidate wider =
                        new IndexCandidate(index.table(), keys, include, index.predicate(), index.servedWeights());
                if (!listed.contains(wider)) {
                    extensions.add(wider);
                }
            }
            return extensions;
        }

        private Step evaluate(IndexCandidate candidate, Entry replaced) {
            long added = size(candidate) - (replaced == null ? 0 : replaced.sizeBytes);
            if (totalBytes + added > budget) {
                return null;
            }
            Set<IndexCandidate> next = new LinkedHashSet<>(configuration());
            if (replaced != null) {
                next.remove(replaced.candidate);
            }
            next.add(candidate);
            Map<Integer, Double> costs = new LinkedHashMap<>();
            double benefit = 0;
            for (int query = 0; query < workload.size(); query++) {
                WorkloadQuery q = workload.get(query);
                if (q.weight() == 0 || !relevant(q, candidate)) {
                    continue;
                }
                double cost = cost(query, next);
                costs.put(query, cost);
                // a query the step makes costlier always counts; one it makes cheaper only by a trustworthy margin
                if (cost > current[query] || cost <= current[query] * (1 - minimumSaving)) {
                    benefit += q.weight() * (current[query] - cost);
                }
            }
            double maintenance = maintenance(candidate) - (replaced == null ? 0 : replaced.maintenanceCost);
            double net = benefit - maintenance;
            if (!(benefit > 0 && net > 0)) {
                return null;
            }
            return new Step(candidate, replaced, costs, added, net / Math.max(1, added));
        }

        private void take(Step step) {
            Entry entry = step.replaced;
            if (entry == null) {
                entry = new Entry();
                chosen.add(entry);
            }
            totalBytes += step.addedBytes;
            entry.candidate = step.candidate;
            entry.sizeBytes = size(step.candidate);
            entry.maintenanceCost = maintenance(step.candidate);
            step.costs.forEach((query, cost) -> current[query] = cost);
        }

        /** Drops the first chosen index whose marginal benefit no longer pays its maintenance; false when none. */
        private boolean pruneOne() {
            for (Entry entry : chosen) {
                Map<Integer, Double> without = costsWithout(entry);
                double loss = 0;
                for (Map.Entry<Integer, Double> cost : without.entrySet()) {
                    loss += workload.get(cost.getKey()).weight() * (cost.getValue() - current[cost.getKey()]);
                }
                if (loss <= entry.maintenanceCost) {
                    chosen.remove(entry);
                    totalBytes -= entry.sizeBytes;
                    without.forEach((query, cost) -> current[query] = cost);
                    return true;
                }
            }
            return false;
        }

        /** The entry's benefit and helped queries become its marginal ones in the final configuration. */
        private void settleMarginal(Entry entry) {
            entry.benefit = 0;
            entry.costBefore.clear();
            entry.costAfter.clear();
            costsWithout(entry).forEach((query, cost) -> {
                if (cost != current[query]) {
                    entry.costBefore.put(query, cost);
                    entry.costAfter.put(query, current[query]);
                    entry.benefit += workload.get(query).weight() * (cost - current[query]);
                }
            });
        }

        /** The costs of the queries the entry's index is relevant to, with every chosen index but it. */
        private Map<Integer, Double> costsWithout(Entry entry) {
            Set<IndexCandidate> others = new LinkedHashSet<>(configuration());
            others.remove(entry.candidate);
            Map<Integer, Double> costs = new LinkedHashMap<>();
            for (int query = 0; query < workload.size(); query++) {
                WorkloadQuery q = workload.get(query);
                if (q.weight() > 0 && relevant(q, entry.candidate)) {
                    costs.put(query, cost(query, others));
                }
            }
            return costs;
        }

        private Set<IndexCandidate> configuration() {
            Set<IndexCandidate> configuration = new LinkedHashSet<>();
            chosen.forEach(entry -> configuration.add(entry.candidate));
            return configuration;
        }

        private boolean relevant(WorkloadQuery query, IndexCandidate index) {
            return query.analysis().tables().contains(index.table())
                    || index.servedWeights().containsKey(query.analysis().fingerprint());
        }

        /** The query's cost with the indexes of {@code configuration} that could change its plan. */
        private double cost(int query, Set<IndexCandidate> configuration) {
            WorkloadQuery q = workload.get(query);
            Set<IndexCandidate> visible = new LinkedHashSet<>();
            configuration.stream().filter(index -> relevant(q, index)).forEach(visible::add);
            return costCache.computeIfAbsent(new CostKey(query, Set.copyOf(visible)), key -> {
                calls++;
                double cost = costModel.cost(q, Collections.unmodifiableSet(visible));
                if (!Double.isFinite(cost) || cost < 0) {
                    throw new IllegalStateException("the cost model answered " + cost + " for " + q);
                }
                return cost;
            });
        }

        private long size(IndexCandidate candidate) {
            return sizeCache.computeIfAbsent(candidate, sizes::bytes);
        }

        private double maintenance(IndexCandidate candidate) {
            return writes.writes(candidate.table()) * maintenanceCostPerWrite;
        }

        private double weightedTotal() {
            double total = 0;
            for (int query = 0; query < workload.size(); query++) {
                total += workload.get(query).weight() * current[query];
            }
            return total;
        }
    }

    /** A chosen index while the search runs. */
    private static final class Entry {
        IndexCandidate candidate;
        long sizeBytes;
        double maintenanceCost;
        double benefit;
        final Map<Integer, Double> costBefore = new LinkedHashMap<>();
        final Map<Integer, Double> costAfter = new LinkedHashMap<>();

        ChosenIndex toChosen(List<WorkloadQuery> workload) {
            List<QueryEffect> effects = new ArrayList<>();
            costBefore.forEach((query, before) -> {
                WorkloadQuery q = workload.get(query);
                effects.add(new QueryEffect(q.analysis().fingerprint(), q.weight(), before, costAfter.get(query)));
            });
            effects.sort(Comparator.comparingDouble(QueryEffect::weightedGain).reversed());
            return new ChosenIndex(candidate, sizeBytes, maintenanceCost, benefit, effects);
        }
    }

    private static Step better(Step best, Step step) {
        return step != null && (best == null || step.score > best.score) ? step : best;
    }

    /** A one-column candidate whose column some chosen index of the same table and predicate already leads with. */
    private static boolean sameLead(Entry entry, IndexCandidate candidate) {
        IndexCandidate chosen = entry.candidate;
        return chosen.table().equals(candidate.table())
                && chosen.predicate().equals(candidate.predicate())
                && chosen.keyColumnNames()
                        .get(0)
                        .equals(candidate.keyColumnNames().get(0));
    }

    /** {@code wider} is {@code chosen} with one more key column, on the same table and rows. */
    private static boolean widens(IndexCandidate wider, IndexCandidate chosen) {
        int width = chosen.keyColumns().size();
        return wider.table().equals(chosen.table())
                && wider.predicate().equals(chosen.predicate())
                && wider.keyColumns().size() == width + 1
                && wider.keyColumns().subList(0, width).equals(chosen.keyColumns());
    }

    private record CostKey(int query, Set<IndexCandidate> indexes) {}

    private record Step(
            IndexCandidate candidate, Entry replaced, Map<Integer, Double> costs, long addedBytes, double score) {}
}
