package io.dwpilot.models.sql;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Collects the facts of one statement while it is walked; one instance per analysis, never shared. */
final class AnalysisBuilder {
    private final Set<String> tables = new LinkedHashSet<>();
    private final Map<ColumnRole, Set<ColumnRef>> columns = new EnumMap<>(ColumnRole.class);
    private final Set<Predicate> predicates = new LinkedHashSet<>();
    private final List<JoinInfo> joins = new ArrayList<>();
    private final List<String> aggregates = new ArrayList<>();
    private final Set<SortKey> sortKeys = new LinkedHashSet<>();
    private final Set<ConstantFilter> constantFilters = new LinkedHashSet<>();
    private int windowFunctionCount;
    private int subqueryDepth;
    private boolean distinct;
    private Long limit;

    void table(String name) {
        tables.add(name);
    }

    void column(ColumnRole role, ColumnRef column) {
        columns.computeIfAbsent(role, r -> new LinkedHashSet<>()).add(column);
    }

    void predicate(Predicate predicate) {
        predicates.add(predicate);
    }

    void constantFilter(ConstantFilter filter) {
        constantFilters.add(filter);
    }

    void join(JoinInfo join) {
        joins.add(join);
    }

    void aggregate(String name) {
        aggregates.add(name);
    }

    void windowFunction() {
        windowFunctionCount++;
    }

    void sortKey(SortKey key) {
        sortKeys.add(key);
    }

    void queryBlockAt(int depth) {
        subqueryDepth = Math.max(subqueryDepth, depth);
    }

    void distinct() {
        distinct = true;
    }

    void limit(long rows) {
        limit = rows;
    }

    QueryAnalysis build(StatementKind kind, Fingerprint fingerprint) {
        Map<ColumnRole, List<ColumnRef>> byRole = new EnumMap<>(ColumnRole.class);
        columns.forEach((role, refs) -> byRole.put(role, List.copyOf(refs)));
        return new QueryAnalysis(
                kind,
                List.copyOf(tables),
                byRole,
                List.copyOf(predicates),
                joins,
                aggregates,
                windowFunctionCount,
                subqueryDepth,
                distinct,
                Optional.ofNullable(limit),
                List.copyOf(sortKeys),
                List.copyOf(constantFilters),
                fingerprint);
    }
}
