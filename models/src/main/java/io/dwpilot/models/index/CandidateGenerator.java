package io.dwpilot.models.index;

import io.dwpilot.models.sql.ConstantFilter;
import io.dwpilot.models.sql.Fingerprint;
import io.dwpilot.models.sql.QueryAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Proposes the indexes worth a what-if evaluation for a workload: for every table a query reads, one index per
 * searched, joined, grouped or sorted column, the multi-column indexes of widths 2 to {@link IndexCandidate#MAX_WIDTH}
 * ordered equality first, then range, then sort, and a covering variant of each when the query reads few columns of
 * the table. A candidate found in several queries appears once, serving all of them.
 *
 * <p>Given table statistics, it also proposes partial indexes: where a query filters a low-cardinality column (at
 * most {@value #MAX_PARTIAL_DISTINCT} distinct values) with a constant ({@code channel = 'store'}), or on a column
 * being null or not null for at most half the rows, the same key sets without that column, holding only the rows
 * the filter keeps. Callers pass only filters that every execution of the fingerprint shares.
 */
public final class CandidateGenerator {
    /** Beyond this many columns a covering index nears the table's width and an index-only scan stops paying. */
    public static final int MAX_COVERED_COLUMNS = 4;
    /** A column with more distinct values makes a partial index per value a poor bargain. */
    public static final int MAX_PARTIAL_DISTINCT = 20;
    /** A partial index is worth its narrower use only when it holds at most this share of the rows. */
    public static final double MAX_PARTIAL_SHARE = 0.5;

    private final Map<String, TableStatistics> statistics;

    /** Proposes no partial indexes. */
    public CandidateGenerator() {
        this(List.of());
    }

    /** Proposes partial indexes on the tables {@code statistics} describes. */
    public CandidateGenerator(List<TableStatistics> statistics) {
        this.statistics = statistics.stream()
                .collect(Collectors.toUnmodifiableMap(TableStatistics::table, Function.identity(), (a, b) -> a));
    }

    // Most weight first; among equals the narrower, cheaper index.
    private static final Comparator<IndexCandidate> RANKING = Comparator.comparingDouble(IndexCandidate::weight)
            .reversed()
            .thenComparingInt(candidate -> candidate.keyColumns().size())
            .thenComparingInt(candidate -> candidate.includeColumns().size())
            .thenComparing(IndexCandidate::table)
            .thenComparing(candidate -> candidate.keyColumns().toString())
            .thenComparing(candidate -> candidate.includeColumns().toString())
            .thenComparing(candidate ->
                    candidate.predicate().map(ConstantFilter::condition).orElse(""));

    /**
     * The candidates for {@code workload}, most weight first, leaving out any whose key columns {@code existing}
     * indexes already lead with.
     */
    public List<IndexCandidate> generate(List<WorkloadQuery> workload, List<ExistingIndex> existing) {
        Map<Shape, Map<Fingerprint, Double>> served = new LinkedHashMap<>();
        for (WorkloadQuery query : workload) {
            Fingerprint fingerprint = query.analysis().fingerprint();
            for (Shape shape : shapes(query.analysis())) {
                served.computeIfAbsent(shape, unused -> new LinkedHashMap<>())
                        .merge(fingerprint, query.weight(), Double::sum);
            }
        }
        return served.entrySet().stream()
                .filter(entry -> existing.stream().noneMatch(entry.getKey()::servedBy))
                .map(entry -> entry.getKey().candidate(entry.getValue()))
                .sorted(RANKING)
                .toList();
    }

    private Set<Shape> shapes(QueryAnalysis analysis) {
        Set<Shape> shapes = new LinkedHashSet<>();
        TableAccess.of(analysis).forEach((table, access) -> {
            for (List<KeyColumn> keys : keySets(access.orderedKeys())) {
                shapes.add(new Shape(table, keys, List.of(), Optional.empty()));
                covering(access, keys)
                        .ifPresent(include -> shapes.add(new Shape(table, keys, include, Optional.empty())));
            }
            for (ConstantFilter filter : partialFilters(analysis, table)) {
                String column = filter.column().column();
                List<KeyColumn> others = access.orderedKeys().stream()
                        .filter(k -> !k.name().equals(column))
                        .toList();
                for (List<KeyColumn> keys : keySets(others)) {
                    shapes.add(new Shape(table, keys, List.of(), Optional.of(filter)));
                }
            }
        });
        return shapes;
    }

    private List<ConstantFilter> partialFilters(QueryAnalysis analysis, String table) {
        TableStatistics stats = statistics.get(table);
        if (stats == null) {
            return List.of();
        }
        return analysis.constantFilters().stream()
                .filter(filter -> table.equals(filter.column().table()))
                .filter(filter -> filter.condition().endsWith("NULL")
                        || stats.distinctValues().getOrDefault(filter.column().column(), Double.MAX_VALUE)
                                <= MAX_PARTIAL_DISTINCT)
                .filter(filter -> stats.selectivity(filter) <= MAX_PARTIAL_SHARE)
                .toList();
    }

    private static List<List<KeyColumn>> keySets(List<KeyColumn> ordered) {
        List<List<KeyColumn>> keySets = new ArrayList<>();
        // a one-column index is scanned backwards as readily as forwards, so its direction never matters
        ordered.forEach(key -> keySets.add(List.of(KeyColumn.ascending(key.name()))));
        for (int width = 2; width <= Math.min(IndexCandidate.MAX_WIDTH, ordered.size()); width++) {
            keySets.add(withoutNeedlessDirection(ordered.subList(0, width)));
        }
        return keySets;
    }

    // All keys descending is the ascending index scanned backwards: propose the usual form once.
    private static List<KeyColumn> withoutNeedlessDirection(List<KeyColumn> keys) {
        return keys.stream().allMatch(KeyColumn::descending)
                ? keys.stream().map(key -> KeyColumn.ascending(key.name())).toList()
                : List.copyOf(keys);
    }

    private static Optional<List<String>> covering(TableAccess access, List<KeyColumn> keys) {
        if (!access.coverable() || access.used().size() > MAX_COVERED_COLUMNS) {
            return Optional.empty();
        }
        List<String> keyNames = keys.stream().map(KeyColumn::name).toList();
        List<String> include = access.used().stream()
                .filter(column -> !keyNames.contains(column))
                .toList();
        return include.isEmpty() ? Optional.empty() : Optional.of(include);
    }

    /** What makes two candidates the same index. */
    private record Shape(String table, List<KeyColumn> keys, List<String> include, Optional<ConstantFilter> where) {
        boolean servedBy(ExistingIndex index) {
            return index.serves(table, keys.stream().map(KeyColumn::name).toList());
        }

        IndexCandidate candidate(Map<Fingerprint, Double> servedWeights) {
            return new IndexCandidate(table, keys, include, where, servedWeights);
        }
    }
}
