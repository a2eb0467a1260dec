package io.dwpilot.bench.indexes;

import io.dwpilot.agents.indexer.WarehouseFacts;
import io.dwpilot.agents.indexer.WorkloadStatement;
import io.dwpilot.models.index.WorkloadQuery;
import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SqlAnalyzer;
import io.dwpilot.models.sql.StatementKind;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.whatif.WhatIf;
import io.dwpilot.persistence.whatif.WhatIfException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workload as the baselines and the cost evaluation see it, prepared the way dwpilot's advisor prepares it (one
 * query per fingerprint with the summed weight, its first statement standing for it, columns told their tables from
 * the catalog, statements the planner refuses left out) so that all three selectors are judged on the same queries.
 *
 * @param queries    the plannable SELECTs, one per fingerprint
 * @param statements the literal statement that stands for each fingerprint
 * @param facts      the catalog's statistics and indexes of the tables the queries read
 */
public record PreparedWorkload(List<WorkloadQuery> queries, Map<Fingerprint, String> statements, WarehouseFacts facts) {

    public PreparedWorkload {
        queries = List.copyOf(queries);
        statements = Map.copyOf(statements);
    }

    /** Prepares {@code workload}; {@code whatIf} answers the plannability check (one call per fingerprint). */
    public static PreparedWorkload of(List<WorkloadStatement> workload, IndexCatalog catalog, WhatIf whatIf)
            throws SQLException {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        Map<Fingerprint, QueryAnalysis> analyses = new LinkedHashMap<>();
        Map<Fingerprint, String> statements = new LinkedHashMap<>();
        Map<Fingerprint, Double> weights = new LinkedHashMap<>();
        for (WorkloadStatement statement : workload) {
            QueryAnalysis analysis = analyzer.analyze(statement.sql());
            if (analysis.kind() != StatementKind.SELECT) {
                throw new IllegalArgumentException("the index benchmark's workload is read-only, but got a "
                        + analysis.kind() + ": " + statement.sql());
            }
            analyses.putIfAbsent(analysis.fingerprint(), analysis);
            statements.putIfAbsent(analysis.fingerprint(), statement.sql());
            weights.merge(analysis.fingerprint(), statement.weight(), Double::sum);
        }
        Set<String> tables = new LinkedHashSet<>();
        analyses.values().forEach(analysis -> tables.addAll(analysis.tables()));
        WarehouseFacts facts = WarehouseFacts.load(catalog, tables);
        List<WorkloadQuery> queries = new ArrayList<>();
        Map<Fingerprint, String> plannable = new LinkedHashMap<>();
        analyses.forEach((fingerprint, analysis) -> {
            String sql = statements.get(fingerprint);
            try {
                whatIf.cost(sql, List.of());
            } catch (WhatIfException e) {
                return; // dwpilot's advisor skips it too
            }
            queries.add(new WorkloadQuery(facts.columnResolver().resolve(analysis), weights.get(fingerprint)));
            plannable.put(fingerprint, sql);
        });
        return new PreparedWorkload(queries, plannable, facts);
    }

    /** The tables {@code workload} names, as it names them, without asking the database. */
    public static Set<String> tables(List<WorkloadStatement> workload) {
        SqlAnalyzer analyzer = new SqlAnalyzer();
        Set<String> tables = new LinkedHashSet<>();
        workload.forEach(
                statement -> tables.addAll(analyzer.analyze(statement.sql()).tables()));
        return tables;
    }

    public String sql(WorkloadQuery query) {
        return statements.get(query.analysis().fingerprint());
    }

    /** The summed heap size of the known tables the workload reads: what budgets are multiples of. */
    public long dataBytes() {
        Set<String> tables = new LinkedHashSet<>();
        queries.forEach(query -> tables.addAll(query.analysis().tables()));
        return tables.stream().mapToLong(facts::tableBytes).sum();
    }
}
