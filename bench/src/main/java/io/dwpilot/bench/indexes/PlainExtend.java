package io.dwpilot.bench.indexes;

import io.dwpilot.agents.indexer.WhatIfCostModel;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.SizeEstimator;
import io.dwpilot.models.index.WorkloadQuery;
import io.dwpilot.persistence.whatif.HypotheticalIndex;
import io.dwpilot.persistence.whatif.WhatIf;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain Extend (Schlosser, Kossmann and Boissier, ICDE 2019) as the baseline dwpilot's selector is measured against.
 * The candidates are one-column indexes on every indexable attribute of the workload; each step either adds one of
 * them or extends a chosen index by appending any attribute of the workload on the same table (up to
 * {@link IndexCandidate#MAX_WIDTH} columns), and takes the step with the best saving of the whole workload's weighted
 * cost per added byte that fits the budget, until no step saves anything. Every step re-plans every query with the
 * whole configuration; the what-if evaluator it is given should cache (identical statement and index set), which is
 * the only saving of calls plain Extend has: no pruning to the queries a candidate's table can matter to.
 */
public final class PlainExtend {
    private final WhatIf whatIf;
    private final SizeEstimator sizes;

    public PlainExtend(WhatIf whatIf, SizeEstimator sizes) {
        this.whatIf = whatIf;
        this.sizes = sizes;
    }

    public List<IndexCandidate> select(PreparedWorkload workload, long budgetBytes) {
        Map<String, Set<String>> attributes = IndexableAttributes.union(
                workload.queries().stream().map(WorkloadQuery::analysis).toList(), workload.facts());
        List<IndexCandidate> singles = new ArrayList<>();
        attributes.forEach((table, columns) -> columns.stream()
                .filter(column -> !IndexableAttributes.alreadyLed(workload.facts(), table, column))
                .forEach(column -> singles.add(IndexableAttributes.index(table, List.of(column)))));
        List<IndexCandidate> chosen = new ArrayList<>();
        long used = 0;
        double current = cost(workload, chosen);
        while (true) {
            Step best = null;
            for (IndexCandidate single : singles) {
                if (chosen.stream().noneMatch(index -> leads(index, single))) {
                    best = better(best, evaluate(workload, chosen, null, single, current, used, budgetBytes));
                }
            }
            for (IndexCandidate index : List.copyOf(chosen)) {
                if (index.keyColumns().size() == IndexCandidate.MAX_WIDTH) {
                    continue;
                }
                for (String column : attributes.get(index.table())) {
                    if (!index.keyColumnNames().contains(column)) {
                        best = better(
                                best,
                                evaluate(workload, chosen, index, extended(index, column), current, used, budgetBytes));
                    }
                }
            }
            if (best == null) {
                return chosen;
            }
            if (best.replaced != null) {
                chosen.set(chosen.indexOf(best.replaced), best.index);
            } else {
                chosen.add(best.index);
            }
            used += best.addedBytes;
            current = best.cost;
        }
    }

    private Step evaluate(
            PreparedWorkload workload,
            List<IndexCandidate> chosen,
            IndexCandidate replaced,
            IndexCandidate index,
            double current,
            long used,
            long budgetBytes) {
        long added = sizes.bytes(index) - (replaced == null ? 0 : sizes.bytes(replaced));
        if (used + added > budgetBytes) {
            return null;
        }
        List<IndexCandidate> next = new ArrayList<>(chosen);
        if (replaced != null) {
            next.set(next.indexOf(replaced), index);
        } else {
            next.add(index);
        }
        double cost = cost(workload, next);
        return cost < current ? new Step(index, replaced, cost, added, (current - cost) / Math.max(1, added)) : null;
    }

    /** The weighted cost of the whole workload, every query planned with the whole configuration. */
    private double cost(PreparedWorkload workload, List<IndexCandidate> configuration) {
        List<HypotheticalIndex> indexes =
                configuration.stream().map(WhatIfCostModel::hypothetical).toList();
        double total = 0;
        for (WorkloadQuery query : workload.queries()) {
            if (query.weight() > 0) {
                total += query.weight()
                        * whatIf.cost(workload.sql(query), indexes).totalCost();
            }
        }
        return total;
    }

    private static boolean leads(IndexCandidate index, IndexCandidate single) {
        return index.table().equals(single.table())
                && index.keyColumnNames().get(0).equals(single.keyColumnNames().get(0));
    }

    private static IndexCandidate extended(IndexCandidate index, String column) {
        List<String> columns = new ArrayList<>(index.keyColumnNames());
        columns.add(column);
        return IndexableAttributes.index(index.table(), columns);
    }

    private static Step better(Step best, Step step) {
        return step != null && (best == null || step.score > best.score) ? step : best;
    }

    private record Step(IndexCandidate index, IndexCandidate replaced, double cost, long addedBytes, double score) {}
}
