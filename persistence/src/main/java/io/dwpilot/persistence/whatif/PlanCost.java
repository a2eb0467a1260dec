package io.dwpilot.persistence.whatif;

import java.util.List;

/**
 * What the planner estimated for a statement under a set of hypothetical indexes.
 *
 * @param totalCost      the plan's total cost, in the planner's units
 * @param planRows       the rows the plan's top node is estimated to return
 * @param indexNames     the names of all indexes the plan uses, real or hypothetical, as EXPLAIN shows them
 * @param usedCandidates the hypothetical indexes of the request that the plan uses
 */
public record PlanCost(
        double totalCost, double planRows, List<String> indexNames, List<HypotheticalIndex> usedCandidates) {
    public PlanCost {
        indexNames = List.copyOf(indexNames);
        usedCandidates = List.copyOf(usedCandidates);
    }

    /** True when the plan uses at least one of the hypothetical indexes. */
    public boolean usesCandidates() {
        return !usedCandidates.isEmpty();
    }
}
