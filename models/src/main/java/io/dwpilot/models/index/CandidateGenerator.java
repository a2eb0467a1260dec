package io.dwpilot.models.index;

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

/**
 * Proposes the indexes worth a what-if evaluation for a workload: for every table a query reads, one index per
 * searched, joined, grouped or sorted column, the multi-column indexes of widths 2 to {@link IndexCandidate#MAX_WIDTH}
 * ordered equality first, then range, then sort, and a covering variant of each when the query reads few columns of
 * the table. A candidate found in several queries appears once, serving all of them.
 */
public final class CandidateGenerator {
    /** Beyond this many columns a covering index nears the table's width and an index-only scan stops paying. */
    public static final int MAX_COVERED_COLUMNS = 4;

    // Most weight first; among equals the narrower, cheaper index.
    private static final Comparator<IndexCandidate> RANKING = Comparator
            .comparingDouble(IndexCandidate::weight).reversed()
            .thenComparingInt(candidate -> candidate.keyColumns().size())
            .thenComparingInt(candidate -> candidate.includeColumns().size())
            .thenComparing(IndexCandidate::table)
            .thenComparing(candidate -> candidate.keyColumns().toString())
            .thenComparing(candidate -> candidate.includeColumns().toString());

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

    private static Set<Shape> shapes(QueryAnalysis analysis) {
        Set<Shape> shapes = new LinkedHashSet<>();
        TableAccess.of(analysis).forEach((table, access) -> {
            for (List<KeyColumn> keys : keySets(access.orderedKeys())) {
                shapes.add(new Shape(table, keys, List.of()));
                covering(access, keys).ifPresent(include -> shapes.add(new Shape(table, keys, include)));
            }
        });
        return shapes;
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
        List<String> include = access.used().stream().filter(column -> !keyNames.contains(column)).toList();
        return include.isEmpty() ? Optional.empty() : Optional.of(include);
    }

    /** What makes two candidates the same index. */
    private record Shape(String table, List<KeyColumn> keys, List<String> include) {
        boolean servedBy(ExistingIndex index) {
            return index.serves(table, keys.stream().map(KeyColumn::name).toList());
        }

        IndexCandidate candidate(Map<Fingerprint, Double> servedWeights) {
            return new IndexCandidate(table, keys, include, Optional.empty(), servedWeights);
        }
    }
}
