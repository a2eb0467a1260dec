package io.dwpilot.bench.indexes;

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

    /**
     * The geometric mean over the queries of each one's cost with the configuration divided by its cost without: how
     * much a typical query gains, where the weighted total is ruled by the costliest few (TPC-H's Q17 and Q20).
     */
    double typicalRatio(Collection<IndexCandidate> configuration) {
        double logs = 0;
        int counted = 0;
        for (WorkloadQuery query : workload.queries()) {
            double without = cost(query, List.of());
            if (query.weight() > 0 && without > 0) {
                logs += Math.log(cost(query, configuration) / without);
                counted++;
            }
        }
        return counted == 0 ? 1 : Math.exp(logs / counted);
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
