package io.dwpilot.models.index;

import java.util.Set;

/**
 * What-if analysis as index selection sees it: the planner's estimated cost of one query if exactly {@code indexes}
 * existed besides the database's real ones. The agents layer adapts the persistence what-if evaluator to it; an
 * implementation should be deterministic for a given query and set, since the selector compares the answers.
 */
@FunctionalInterface
public interface CostModel {
    /** The estimated cost, in planner cost units, of one execution of {@code query} with {@code indexes} added. */
    double cost(WorkloadQuery query, Set<IndexCandidate> indexes);
}
