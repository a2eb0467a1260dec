package io.dwpilot.models.index;

import io.dwpilot.models.sql.ConstantFilter;
import io.dwpilot.models.sql.Fingerprint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An index worth evaluating.
 *
 * @param table          the table as the queries name it
 * @param keyColumns     1 to {@link #MAX_WIDTH} key columns, in index order
 * @param includeColumns non-key columns stored in the index so that the queries it serves can scan only the index
 * @param predicate      the WHERE of a partial index: a constant filter every query it serves has
 * @param servedWeights  the fingerprints this index could speed up, each with its weight, in order of first appearance
 */
public record IndexCandidate(
        String table,
        List<KeyColumn> keyColumns,
        List<String> includeColumns,
        Optional<ConstantFilter> predicate,
        Map<Fingerprint, Double> servedWeights) {

    /** Wider keys rarely pay: the planner uses a prefix at best and the index grows with every column. */
    public static final int MAX_WIDTH = 3;

    // PostgreSQL folds unquoted names to lower case, so any other name must be quoted to mean itself.
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    public IndexCandidate {
        Objects.requireNonNull(table, "table");
        keyColumns = List.copyOf(keyColumns);
        includeColumns = List.copyOf(includeColumns);
        Objects.requireNonNull(predicate, "predicate");
        servedWeights = Collections.unmodifiableMap(new LinkedHashMap<>(servedWeights));
        if (keyColumns.isEmpty() || keyColumns.size() > MAX_WIDTH) {
            throw new IllegalArgumentException("an index has 1 to " + MAX_WIDTH + " key columns: " + keyColumns);
        }
    }

    /** The summed weight of the fingerprints served. */
    public double weight() {
        return servedWeights.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public List<String> keyColumnNames() {
        return keyColumns.stream().map(KeyColumn::name).toList();
    }

    /** The statement that builds this index without blocking writes. */
    public String ddl(String indexName) {
        String keys = keyColumns.stream()
                .map(key -> quote(key.name()) + (key.descending() ? " DESC" : ""))
                .collect(Collectors.joining(", "));
        StringBuilder ddl = new StringBuilder("CREATE INDEX CONCURRENTLY ")
                .append(quote(indexName))
                .append(" ON ")
                .append(qualifiedTable())
                .append(" (")
                .append(keys)
                .append(')');
        if (!includeColumns.isEmpty()) {
            ddl.append(" INCLUDE (")
                    .append(includeColumns.stream().map(IndexCandidate::quote).collect(Collectors.joining(", ")))
                    .append(')');
        }
        predicate.ifPresent(where -> ddl.append(" WHERE ").append(where.condition()));
        return ddl.toString();
    }

    private String qualifiedTable() {
        return Stream.of(table.split("\\.")).map(IndexCandidate::quote).collect(Collectors.joining("."));
    }

    private static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches()
                ? identifier
                : '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
