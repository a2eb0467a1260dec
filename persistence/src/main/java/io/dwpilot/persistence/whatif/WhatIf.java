package io.dwpilot.persistence.whatif;

import java.util.List;

/** Plans a statement as if some indexes existed. Implementations are safe for concurrent use. */
public interface WhatIf {
    /**
     * The planner's estimate for {@code sql} (literal SQL, one statement, no parameter placeholders) with
     * {@code indexes} added to the indexes that exist. An empty list gives the cost as things are.
     *
     * @throws WhatIfException when an index cannot be created or the statement cannot be planned
     */
    PlanCost cost(String sql, List<HypotheticalIndex> indexes);

    /** How many evaluations reached the planner so far (answers from a cache do not count). */
    long calls();
}
