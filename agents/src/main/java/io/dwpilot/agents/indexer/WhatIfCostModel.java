package io.dwpilot.agents.indexer;

import io.dwpilot.models.index.CostModel;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.KeyColumn;
import io.dwpilot.models.index.WorkloadQuery;
import io.dwpilot.models.sql.ConstantFilter;
import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.persistence.whatif.HypotheticalIndex;
import io.dwpilot.persistence.whatif.WhatIf;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Index selection's cost model on the database's planner: a query's cost with some candidate indexes is what the
 * what-if evaluator (hypopg, or a build in a rolled-back transaction) plans for its representative statement.
 */
public final class WhatIfCostModel implements CostModel {
    private final WhatIf whatIf;
    private final Map<Fingerprint, String> statements;

    /** @param statements the statement (literal SQL) that stands for each fingerprint */
    public WhatIfCostModel(WhatIf whatIf, Map<Fingerprint, String> statements) {
        this.whatIf = Objects.requireNonNull(whatIf, "whatIf");
        this.statements = Map.copyOf(statements);
    }

    @Override
    public double cost(WorkloadQuery query, Set<IndexCandidate> indexes) {
        String sql = statements.get(query.analysis().fingerprint());
        if (sql == null) {
            throw new IllegalArgumentException(
                    "no statement stands for " + query.analysis().fingerprint());
        }
        return whatIf.cost(
                        sql, indexes.stream().map(WhatIfCostModel::hypothetical).toList())
                .totalCost();
    }

    /** The candidate as the what-if evaluator builds it. */
    public static HypotheticalIndex hypothetical(IndexCandidate candidate) {
        TableName table = TableName.parse(candidate.table());
        List<HypotheticalIndex.Key> keys =
                candidate.keyColumns().stream().map(WhatIfCostModel::key).toList();
        return new HypotheticalIndex(
                table.schema(),
                table.table(),
                keys,
                candidate.includeColumns(),
                candidate.predicate().map(ConstantFilter::condition));
    }

    private static HypotheticalIndex.Key key(KeyColumn column) {
        return new HypotheticalIndex.Key(column.name(), column.descending());
    }
}
