package io.dwpilot.bench.indexes;

import io.dwpilot.agents.indexer.WhatIfCostModel;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.SizeEstimator;
import io.dwpilot.models.index.WorkloadQuery;
import io.dwpilot.persistence.whatif.HypotheticalIndex;
import io.dwpilot.persistence.whatif.PlanCost;
import io.dwpilot.persistence.whatif.WhatIf;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Dexter-style baseline (after ankane/dexter): each query on its own, first with hypothetical one-column indexes
 * on all its indexable attributes at once, then with every ordered pair of a table's attributes added; the indexes
 * the cheaper plan uses are suggested only when that plan costs at most half of the query's cost as it stands (the
 * two-column round only when it halves the one-column round's cost again, and not when its plan uses several
 * indexes: Dexter's 50 % rule). Three what-if calls per query. Dexter knows no storage budget: to compare at equal
 * storage, its suggestions are taken by descending weighted saving while they fit.
 */
public final class DexterStyleAdvisor {
    /** Dexter's savings ratio: a suggestion must at least halve the query's cost. */
    public static final double SAVINGS_RATIO = 0.5;
    /** Dexter ignores the two-column round for plans cheaper than this already. */
    private static final double MIN_COST_FOR_SECOND_ROUND = 100;

    private final WhatIf whatIf;
    private final SizeEstimator sizes;

    public DexterStyleAdvisor(WhatIf whatIf, SizeEstimator sizes) {
        this.whatIf = whatIf;
        this.sizes = sizes;
    }

    /** The suggested indexes that fit in {@code budgetBytes}, largest weighted saving first. */
    public List<IndexCandidate> select(PreparedWorkload workload, long budgetBytes) {
        Map<IndexCandidate, Double> savings = new LinkedHashMap<>();
        for (WorkloadQuery query : workload.queries()) {
            if (query.weight() > 0) {
                suggest(workload, query, savings);
            }
        }
        List<IndexCandidate> ranked = new ArrayList<>(savings.keySet());
        ranked.sort(Comparator.comparingDouble((IndexCandidate index) -> savings.get(index))
                .reversed());
        List<IndexCandidate> chosen = new ArrayList<>();
        long used = 0;
        for (IndexCandidate index : ranked) {
            long bytes = sizes.bytes(index);
            if (used + bytes <= budgetBytes) {
                chosen.add(index);
                used += bytes;
            }
        }
        return chosen;
    }

    private void suggest(PreparedWorkload workload, WorkloadQuery query, Map<IndexCandidate, Double> savings) {
        Map<String, Set<String>> attributes = IndexableAttributes.of(query.analysis(), workload.facts());
        Map<HypotheticalIndex, IndexCandidate> singles = new LinkedHashMap<>();
        Map<HypotheticalIndex, IndexCandidate> pairs = new LinkedHashMap<>();
        attributes.forEach((table, columns) -> {
            for (String first : columns) {
                if (!IndexableAttributes.alreadyLed(workload.facts(), table, first)) {
                    put(singles, IndexableAttributes.index(table, List.of(first)));
                }
                for (String second : columns) {
                    if (!second.equals(first)) {
                        put(pairs, IndexableAttributes.index(table, List.of(first, second)));
                    }
                }
            }
        });
        if (singles.isEmpty() && pairs.isEmpty()) {
            return;
        }
        String sql = workload.sql(query);
        double initial = whatIf.cost(sql, List.of()).totalCost();
        PlanCost one = whatIf.cost(sql, List.copyOf(singles.keySet()));
        Map<HypotheticalIndex, IndexCandidate> both = new LinkedHashMap<>(singles);
        both.putAll(pairs);
        PlanCost two = whatIf.cost(sql, List.copyOf(both.keySet()));
        boolean oneSaves = one.totalCost() < initial * SAVINGS_RATIO;
        boolean twoSaves = one.totalCost() > MIN_COST_FOR_SECOND_ROUND
                && two.totalCost() < one.totalCost() * SAVINGS_RATIO
                && two.usedCandidates().size() <= 1;
        if (!oneSaves && !twoSaves) {
            return;
        }
        PlanCost chosen = twoSaves ? two : one;
        double saving = query.weight() * (initial - chosen.totalCost());
        for (HypotheticalIndex used : chosen.usedCandidates()) {
            savings.merge(both.get(used), saving, Double::sum);
        }
    }

    private static void put(Map<HypotheticalIndex, IndexCandidate> indexes, IndexCandidate candidate) {
        indexes.put(WhatIfCostModel.hypothetical(candidate), candidate);
    }
}
