package io.dwpilot.agents.indexer;

import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.models.index.ChosenIndex;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.KeyColumn;
import io.dwpilot.models.index.QueryEffect;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One index the indexer recommends, with why: the queries it helps and their estimated cost per execution before and
 * after, its estimated size and the maintenance it costs. Journaled as part of the recommendation, so it is plain
 * data.
 *
 * @param queryTable     the table as the queries (and so the query log) name it
 * @param schema         the table's schema
 * @param table          the table
 * @param indexName      the name it is (or would be) built under, always starting with {@link #NAME_PREFIX}
 * @param ddl            the statement that builds it ({@code CREATE INDEX CONCURRENTLY ...})
 * @param keyColumns     its key columns in order
 * @param includeColumns its INCLUDE columns
 * @param estimatedBytes its estimated size
 * @param benefit        the weighted workload cost it saves, in planner cost units per analysis window
 * @param maintenance    the weighted cost of keeping it up to date under the table's writes, in the same units
 * @param helps          the queries it helps, most helped first
 */
public record IndexRecommendation(
        String queryTable,
        String schema,
        String table,
        String indexName,
        String ddl,
        List<KeyColumn> keyColumns,
        List<String> includeColumns,
        long estimatedBytes,
        double benefit,
        double maintenance,
        List<Effect> helps)
        implements JsonSerializable {

    /** Every index the indexer builds has a name starting so: it never drops an index without it. */
    public static final String NAME_PREFIX = "dwpilot_ix_";

    private static final int MAX_NAME_LENGTH = 63;

    public IndexRecommendation {
        keyColumns = List.copyOf(keyColumns);
        includeColumns = List.copyOf(includeColumns);
        helps = List.copyOf(helps);
        if (!indexName.startsWith(NAME_PREFIX)) {
            throw new IllegalArgumentException("an indexer index name starts with " + NAME_PREFIX + ": " + indexName);
        }
    }

    /** One helped query: its fingerprint, weight and estimated cost per execution before and after the index. */
    public record Effect(String fingerprint, double weight, double costBefore, double costAfter) {
        /** The estimated relative saving per execution, 0..1. */
        public double saving() {
            return costBefore <= 0 ? 0 : 1 - costAfter / costBefore;
        }
    }

    /** The recommendation for a chosen index. */
    public static IndexRecommendation of(ChosenIndex chosen) {
        IndexCandidate candidate = chosen.candidate();
        TableName table = TableName.parse(candidate.table());
        String name = nameOf(candidate);
        List<Effect> helps =
                chosen.helps().stream().map(IndexRecommendation::effect).toList();
        return new IndexRecommendation(
                candidate.table(),
                table.schema(),
                table.table(),
                name,
                candidate.ddl(name),
                candidate.keyColumns(),
                candidate.includeColumns(),
                chosen.sizeBytes(),
                chosen.benefit(),
                chosen.maintenanceCost(),
                helps);
    }

    private static Effect effect(QueryEffect effect) {
        return new Effect(effect.fingerprint().hash(), effect.weight(), effect.costBefore(), effect.costAfter());
    }

    /** The fingerprints it helps. */
    public List<String> fingerprints() {
        return helps.stream().map(Effect::fingerprint).toList();
    }

    /** {@code schema.table (a, b DESC) INCLUDE (c)}: what people read. */
    public String shape() {
        String keys = keyColumns.stream()
                .map(k -> k.name() + (k.descending() ? " DESC" : ""))
                .collect(Collectors.joining(", "));
        return schema + '.' + table + " (" + keys + ')'
                + (includeColumns.isEmpty() ? "" : " INCLUDE (" + String.join(", ", includeColumns) + ')');
    }

    /** Why, in one line, with the deciding numbers. */
    public String reason() {
        double before =
                helps.stream().mapToDouble(e -> e.weight() * e.costBefore()).sum();
        double after =
                helps.stream().mapToDouble(e -> e.weight() * e.costAfter()).sum();
        return String.format(
                Locale.ROOT,
                "%s helps %d %s: estimated cost %.0f → %.0f (−%.0f %%), %s, maintenance %.0f",
                shape(),
                helps.size(),
                helps.size() == 1 ? "query" : "queries",
                before,
                after,
                before <= 0 ? 0 : 100 * (1 - after / before),
                megabytes(estimatedBytes),
                maintenance);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The name the indexer builds {@code candidate} under: readable, and the same for the same definition. */
    public static String nameOf(IndexCandidate candidate) {
        TableName table = TableName.parse(candidate.table());
        // the table and columns, cut to fit, and a hash of the whole definition
        String hash = hash(candidate.ddl("x"));
        String readable = (NAME_PREFIX + table.table() + "_" + String.join("_", candidate.keyColumnNames()))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        int room = MAX_NAME_LENGTH - hash.length() - 1;
        return (readable.length() > room ? readable.substring(0, room) : readable) + '_' + hash;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
