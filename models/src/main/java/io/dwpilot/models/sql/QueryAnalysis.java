package io.dwpilot.models.sql;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one statement reads and how, as far as the text tells without a catalog.
 *
 * @param tables        base tables in order of first mention, schema-qualified as written, CTE names excluded
 * @param columns       for every role, the distinct columns used in it, in order of first use
 * @param predicates    distinct column comparisons from WHERE, HAVING and ON, in order of first use
 * @param joins         one entry per joined FROM item (explicit JOIN or comma); each query block's in FROM order,
 *                      after those of the blocks nested in it
 * @param aggregates    lower-case aggregate function names, one entry per call ({@code count}, {@code sum}, ...)
 * @param windowFunctionCount calls with an OVER clause
 * @param subqueryDepth how deeply query blocks nest: 0 for none, 1 for a subquery, derived table or CTE, ...
 * @param distinct      some query block removes duplicate rows (SELECT DISTINCT or DISTINCT ON)
 * @param limit         the outermost LIMIT or FETCH FIRST when it is a number (the one fact here that depends on a
 *                      literal: statements sharing a fingerprint may differ in it)
 * @param sortKeys      the outermost and nested ORDER BY columns with their directions
 * @param constantFilters WHERE conjuncts comparing a column with a constant (the one other fact that depends on
 *                      literals), in order of first use
 */
public record QueryAnalysis(
        StatementKind kind,
        List<String> tables,
        Map<ColumnRole, List<ColumnRef>> columns,
        List<Predicate> predicates,
        List<JoinInfo> joins,
        List<String> aggregates,
        int windowFunctionCount,
        int subqueryDepth,
        boolean distinct,
        Optional<Long> limit,
        List<SortKey> sortKeys,
        List<ConstantFilter> constantFilters,
        Fingerprint fingerprint) {

    public QueryAnalysis {
        Objects.requireNonNull(kind, "kind");
        tables = List.copyOf(tables);
        columns = everyRole(columns);
        predicates = List.copyOf(predicates);
        joins = List.copyOf(joins);
        aggregates = List.copyOf(aggregates);
        Objects.requireNonNull(limit, "limit");
        sortKeys = List.copyOf(sortKeys);
        constantFilters = List.copyOf(constantFilters);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** This analysis with other constant filters, e.g. only those every execution of the fingerprint shares. */
    public QueryAnalysis withConstantFilters(List<ConstantFilter> filters) {
        return new QueryAnalysis(
                kind,
                tables,
                columns,
                predicates,
                joins,
                aggregates,
                windowFunctionCount,
                subqueryDepth,
                distinct,
                limit,
                sortKeys,
                filters,
                fingerprint);
    }

    /** The columns used in one role, empty when none. */
    public List<ColumnRef> columns(ColumnRole role) {
        return columns.get(role);
    }

    // Every role is present so that callers never meet a null list.
    private static Map<ColumnRole, List<ColumnRef>> everyRole(Map<ColumnRole, List<ColumnRef>> columns) {
        Map<ColumnRole, List<ColumnRef>> copy = new EnumMap<>(ColumnRole.class);
        for (ColumnRole role : ColumnRole.values()) {
            copy.put(role, List.copyOf(columns.getOrDefault(role, List.of())));
        }
        return Collections.unmodifiableMap(copy);
    }
}
