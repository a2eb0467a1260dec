package io.dwpilot.models.index;

import io.dwpilot.models.sql.ColumnRef;
import io.dwpilot.models.sql.ColumnRole;
import io.dwpilot.models.sql.Predicate;
import io.dwpilot.models.sql.QueryAnalysis;
import io.dwpilot.models.sql.SortKey;
import io.dwpilot.models.sql.ValueKind;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How one query uses one table, as far as an index on it is concerned. Columns whose table the analyzer could not
 * tell are left out: an index on a guessed table would be noise.
 *
 * @param equality columns compared for equality with a value, then join keys (a nested loop probes them by equality)
 * @param range    columns compared with a value by an inequality or BETWEEN
 * @param sort     ORDER BY columns with their direction, then GROUP BY columns
 * @param used     every column of the table the query reads, in any clause
 * @param coverable an index holding {@code used} could answer the query alone: no star, and every column's table known
 */
record TableAccess(
        List<String> equality, List<String> range, List<KeyColumn> sort, List<String> used, boolean coverable) {

    // Operators a B-tree can seek on; LIKE only with a pattern opclass or C collation, so it is not assumed.
    private static final Set<String> EQUALITY = Set.of("=", "IN", "IS NULL");
    private static final Set<String> RANGE = Set.of("<", "<=", ">", ">=", "BETWEEN");

    /** The access of every table the query names a column of, in order of first use. */
    static Map<String, TableAccess> of(QueryAnalysis analysis) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        Function<String, Builder> builder = table -> builders.computeIfAbsent(table, unused -> new Builder());
        for (Predicate predicate : analysis.predicates()) {
            // a comparison with another column is a join key, taken from the JOIN role below
            String table = predicate.column().table();
            if (table == null || predicate.valueKind() == ValueKind.COLUMN) {
                continue;
            }
            if (EQUALITY.contains(predicate.operator())) {
                builder.apply(table).equality.add(predicate.column().column());
            } else if (RANGE.contains(predicate.operator())) {
                builder.apply(table).range.add(predicate.column().column());
            }
        }
        for (ColumnRef join : known(analysis.columns(ColumnRole.JOIN))) {
            builder.apply(join.table()).equality.add(join.column());
        }
        for (SortKey key : analysis.sortKeys()) {
            if (key.column().table() != null) {
                builder.apply(key.column().table())
                        .addSort(new KeyColumn(key.column().column(), !key.ascending()));
            }
        }
        for (ColumnRef group : known(analysis.columns(ColumnRole.GROUP_BY))) {
            builder.apply(group.table()).addSort(KeyColumn.ascending(group.column()));
        }
        boolean everyTableKnown =
                analysis.columns().values().stream().flatMap(List::stream).allMatch(column -> column.table() != null);
        for (ColumnRef column :
                known(analysis.columns().values().stream().flatMap(List::stream).toList())) {
            builder.apply(column.table()).used.add(column.column());
        }
        Map<String, TableAccess> accesses = new LinkedHashMap<>();
        builders.forEach((table, b) -> accesses.put(table, b.build(everyTableKnown)));
        return accesses;
    }

    /** Equality, then range, then sort columns, each column once, where it first appears. */
    List<KeyColumn> orderedKeys() {
        Map<String, KeyColumn> keys = new LinkedHashMap<>();
        equality.forEach(column -> keys.putIfAbsent(column, KeyColumn.ascending(column)));
        range.forEach(column -> keys.putIfAbsent(column, KeyColumn.ascending(column)));
        sort.forEach(key -> keys.putIfAbsent(key.name(), key));
        return List.copyOf(keys.values());
    }

    private static List<ColumnRef> known(List<ColumnRef> columns) {
        return columns.stream().filter(column -> column.table() != null).toList();
    }

    private static final class Builder {
        private final Set<String> equality = new LinkedHashSet<>();
        private final Set<String> range = new LinkedHashSet<>();
        private final Map<String, KeyColumn> sort = new LinkedHashMap<>();
        private final Set<String> used = new LinkedHashSet<>();

        void addSort(KeyColumn key) {
            sort.putIfAbsent(key.name(), key);
        }

        TableAccess build(boolean everyTableKnown) {
            return new TableAccess(
                    List.copyOf(equality),
                    List.copyOf(range),
                    List.copyOf(sort.values()),
                    List.copyOf(used),
                    everyTableKnown && !used.contains("*"));
        }
    }
}
