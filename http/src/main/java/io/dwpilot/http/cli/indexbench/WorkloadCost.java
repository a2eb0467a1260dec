package io.dwpilot.http.cli.indexbench;

import io.dwpilot.agents.indexer.WhatIfCostModel;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.WorkloadQuery;
import io.dwpilot.persistence.whatif.HypotheticalIndex;
import io.dwpilot.persistence.whatif.WhatIf;
import java.util.Collection;
import java.util.List;

/**
 * The referee: the weighted what-if cost of the whole workload under a configuration, asked the same way for every
 * selector's answer (each query sees the indexes on its own tables), on a what-if evaluator of its own so that its
 * calls are never charged to a selector.
 */
final class WorkloadCost {
    private final PreparedWorkload workload;
    private final WhatIf whatIf;

    WorkloadCost(PreparedWorkload workload, WhatIf whatIf) {
        this.workload = workload;
        this.whatIf = whatIf;
    }

    double of(Collection<IndexCandidate> configuration) {
        double total = 0;
        for (WorkloadQuery query : workload.queries()) {
            total += query.weight() * cost(query, configuration);
        }
        return total;
    }

    /** One execution of {@code query} with the indexes of {@code configuration} on its tables. */
    double cost(WorkloadQuery query, Collection<IndexCandidate> configuration) {
        List<HypotheticalIndex> visible = configuration.stream()
                .filter(index -> query.analysis().tables().contains(index.table()))
                .map(WhatIfCostModel::hypothetical)
                .toList();
        return whatIf.cost(workload.sql(query), visible).totalCost();
    }
}
