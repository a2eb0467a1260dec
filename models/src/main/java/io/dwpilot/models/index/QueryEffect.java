package io.dwpilot.models.index;

import io.dwpilot.models.sql.Fingerprint;

/**
 * What a chosen index does to one query: its estimated cost per execution before the index and after it.
 *
 * @param weight the query's weight in the workload (its frequency)
 */
public record QueryEffect(Fingerprint fingerprint, double weight, double costBefore, double costAfter) {
    public double weightedCostBefore() {
        return weight * costBefore;
    }

    public double weightedCostAfter() {
        return weight * costAfter;
    }

    /** The weighted cost saved, negative when the query got slower. */
    public double weightedGain() {
        return weightedCostBefore() - weightedCostAfter();
    }
}
