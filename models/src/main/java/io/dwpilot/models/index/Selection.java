package io.dwpilot.models.index;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The indexes chosen for a workload under a storage budget.
 *
 * @param chosen             in the order they were first chosen
 * @param totalBytes         their summed estimated size, never above {@code budgetBytes}
 * @param budgetBytes        the storage budget
 * @param workloadCostBefore the weighted cost of the workload without any of them
 * @param workloadCostAfter  the weighted cost of the workload with all of them
 * @param costModelCalls     how many times the cost model (what-if) was asked
 */
public record Selection(
        List<ChosenIndex> chosen,
        long totalBytes,
        long budgetBytes,
        double workloadCostBefore,
        double workloadCostAfter,
        int costModelCalls) {
    public Selection {
        chosen = List.copyOf(chosen);
    }

    public List<IndexCandidate> candidates() {
        return chosen.stream().map(ChosenIndex::candidate).toList();
    }

    public Set<IndexCandidate> configuration() {
        return chosen.stream().map(ChosenIndex::candidate).collect(Collectors.toUnmodifiableSet());
    }
}
