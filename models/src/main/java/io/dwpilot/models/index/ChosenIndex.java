package io.dwpilot.models.index;

import java.util.List;

/**
 * One index of a {@link Selection} and why it was chosen.
 *
 * @param candidate       the index (the widest form it reached when the selection widened it)
 * @param sizeBytes       its estimated size
 * @param maintenanceCost the estimated weighted cost of keeping it up to date under the table's writes
 * @param benefit         its marginal benefit: the weighted workload cost without it, the other chosen indexes kept,
 *                        less the cost with all of them
 * @param helps           the queries whose cost it changes, each without it and with it (the others kept)
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
