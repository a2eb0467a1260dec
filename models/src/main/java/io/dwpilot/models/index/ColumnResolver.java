package io.dwpilot.models.index;

import io.dwpilot.models.sql.ColumnRef;
import io.dwpilot.models.sql.ColumnRole;
import io.dwpilot.models.sql.ConstantFilter;
import io.dwpilot.models.sql.Predicate;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SortKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells the table of the columns the text alone could not: an unqualified column in a query over several tables (the
 * TPC-H style {@code FROM customer, orders, lineitem WHERE c_custkey = o_custkey}) belongs to the one table of the
 * query that has a column of that name. A column that several of the query's tables have, or none, stays unknown:
 * an index on a guessed table would be noise.
 */
public final class ColumnResolver {
    private final Map<String, Set<String>> columnsByTable;

    /** @param columnsByTable every table's column names, the tables named as the queries name them */
    public ColumnResolver(Map<String, Set<String>> columnsByTable) {
        this.columnsByTable = Map.copyOf(columnsByTable);
    }

    /** {@code analysis} with every column whose table could be told given its table; the rest as it was. */
    public QueryAnalysis resolve(QueryAnalysis analysis) {
        Map<ColumnRole, List<ColumnRef>> columns = new EnumMap<>(ColumnRole.class);
        analysis.columns()
                .forEach((role, refs) -> columns.put(
                        role,
                        refs.stream()
                                .map(ref -> resolve(analysis, ref))
                                .distinct()
                                .toList()));
        List<Predicate> predicates = analysis.predicates().stream()
                .map(p -> new Predicate(resolve(analysis, p.column()), p.operator(), p.valueKind()))
                .distinct()
                .toList();
        List<SortKey> sortKeys = analysis.sortKeys().stream()
                .map(key -> new SortKey(resolve(analysis, key.column()), key.ascending()))
                .toList();
        List<ConstantFilter> constantFilters = analysis.constantFilters().stream()
                .map(f -> new ConstantFilter(resolve(analysis, f.column()), f.condition()))
                .toList();
        return new QueryAnalysis(
                analysis.kind(),
                analysis.tables(),
                columns,
                predicates,
                analysis.joins(),
                analysis.aggregates(),
                analysis.windowFunctionCount(),
                analysis.subqueryDepth(),
                analysis.distinct(),
                analysis.limit(),
                sortKeys,
                constantFilters,
                analysis.fingerprint());
    }

    private ColumnRef resolve(QueryAnalysis analysis, ColumnRef ref) {
        if (ref.column().equals("*") || (ref.table() != null && !misplaced(ref))) {
            return ref;
        }
        List<String> owners = analysis.tables().stream()
                .filter(table -> columnsByTable.getOrDefault(table, Set.of()).contains(ref.column()))
                .distinct()
                .toList();
        return owners.size() == 1 ? new ColumnRef(owners.get(0), ref.column()) : new ColumnRef(null, ref.column());
    }

    /**
     * The text gave the column a table that has no such column: an unqualified outer column in a correlated
     * subquery over one table ({@code where l_partkey = p_partkey} under {@code from lineitem}) is taken for a
     * column of that table.
     */
    private boolean misplaced(ColumnRef ref) {
        Set<String> columns = columnsByTable.get(ref.table());
        return columns != null && !columns.contains(ref.column());
    }
}
