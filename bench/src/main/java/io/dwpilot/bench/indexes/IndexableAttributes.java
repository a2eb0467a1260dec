package io.dwpilot.bench.indexes;

import io.dwpilot.agents.indexer.WarehouseFacts;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.KeyColumn;
import io.dwpilot.models.sql.ColumnRole;
import io.dwpilot.models.sql.Predicate;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SortKey;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The indexable attributes of a query as the classic advisors take them: every column of a known table that the query
 * filters on, joins on, groups or orders by, per table, in order of first use. No ordering by predicate kind and no
 * covering columns: that is what dwpilot's own candidate generation adds.
 */
final class IndexableAttributes {
    private IndexableAttributes() {}

    static Map<String, Set<String>> of(QueryAnalysis analysis, WarehouseFacts facts) {
        Map<String, Set<String>> byTable = new LinkedHashMap<>();
        Stream.of(
                        analysis.predicates().stream().map(Predicate::column),
                        analysis.columns(ColumnRole.JOIN).stream(),
                        analysis.columns(ColumnRole.GROUP_BY).stream(),
                        analysis.sortKeys().stream().map(SortKey::column))
                .flatMap(s -> s)
                .filter(column -> column.table() != null && !column.column().equals("*") && facts.knows(column.table()))
                .forEach(column -> byTable.computeIfAbsent(column.table(), t -> new LinkedHashSet<>())
                        .add(column.column()));
        return byTable;
    }

    /** The union over queries, per table. */
    static Map<String, Set<String>> union(List<QueryAnalysis> analyses, WarehouseFacts facts) {
        Map<String, Set<String>> union = new LinkedHashMap<>();
        for (QueryAnalysis analysis : analyses) {
            of(analysis, facts)
                    .forEach((table, columns) -> union.computeIfAbsent(table, t -> new LinkedHashSet<>())
                            .addAll(columns));
        }
        return union;
    }

    /** Whether an index the database has already leads with {@code column}: a new one-column index adds nothing. */
    static boolean alreadyLed(WarehouseFacts facts, String table, String column) {
        return facts.existingIndexes().stream().anyMatch(index -> index.serves(table, List.of(column)));
    }

    /** A plain ascending B-tree on {@code columns}, as the baselines propose them. */
    static IndexCandidate index(String table, List<String> columns) {
        return new IndexCandidate(
                table, columns.stream().map(KeyColumn::ascending).toList(), List.of(), Optional.empty(), Map.of());
    }
}
