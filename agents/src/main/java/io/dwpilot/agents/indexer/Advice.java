package io.dwpilot.agents.indexer;

import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.Selection;
import java.time.Duration;
import java.util.List;

/**
 * What the advisor found for a workload.
 *
 * @param selection   the indexes chosen under the budget, each with why
 * @param candidates  every candidate considered
 * @param statements  the distinct fingerprints advised on
 * @param skipped     statements left out, with the reason (not a SELECT, UPDATE or DELETE; unparseable; unplannable)
 * @param whatIfCalls what-if evaluations that reached the planner for this advice
 * @param took        how long the advice took
 */
public record Advice(
        Selection selection,
        List<IndexCandidate> candidates,
        int statements,
        List<Skipped> skipped,
        long whatIfCalls,
        Duration took) {

    public Advice {
        candidates = List.copyOf(candidates);
        skipped = List.copyOf(skipped);
    }

    /** A statement the advisor could not use, and why. */
    public record Skipped(String sql, String reason) {}
}
