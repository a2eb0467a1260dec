package io.dwpilot.models.index;

import java.util.List;

/**
 * One index of a {@link Selection} and why it was chosen.
 *
 * @param candidate       the index (the widest form it reached when the selection widened it)
 * @param sizeBytes       its estimated size
 * @param maintenanceCost the estimated weighted cost of keeping it up to date under the table's writes
 * @param benefit         the weighted workload cost it saved, summed over the steps that added and widened it
 * @param helps           the queries whose cost it changed, each from before its first step to after its last
 */
public record ChosenIndex(
        IndexCandidate candidate, long sizeBytes, double maintenanceCost, double benefit, List<QueryEffect> helps) {
    public ChosenIndex {
        helps = List.copyOf(helps);
    }

    public double netBenefit() {
        return benefit - maintenanceCost;
    }
}
