package io.dwpilot.models.ml.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What PostgreSQL's planner expects of a statement, summarized from its {@code EXPLAIN (FORMAT JSON)} plan: the
 * root's estimates and counts of the node kinds over the whole tree (init plans and sub plans included).
 *
 * @param totalCost      the root's total cost, in the planner's cost units
 * @param startupCost    the root's startup cost
 * @param planRows       rows the root is expected to return
 * @param planWidth      average width in bytes of those rows
 * @param nodes          plan nodes in the tree
 * @param depth          levels of the tree (1 for a single node)
 * @param seqScans       sequential scans (parallel ones included)
 * @param indexScans     index scans and index-only scans
 * @param bitmapScans    bitmap heap scans
 * @param nestedLoops    nested-loop joins
 * @param hashJoins      hash joins
 * @param mergeJoins     merge joins
 * @param sorts          sorts and incremental sorts
 * @param aggregates     aggregate nodes (plain, sorted, hashed, mixed) and group nodes
 * @param workersPlanned parallel workers planned, summed over the Gather and Gather Merge nodes
 * @param indexesUsed    distinct index names the plan reads, in order of first appearance
 */
public record PlanSummary(
        double totalCost,
        double startupCost,
        double planRows,
        int planWidth,
        int nodes,
        int depth,
        int seqScans,
        int indexScans,
        int bitmapScans,
        int nestedLoops,
        int hashJoins,
        int mergeJoins,
        int sorts,
        int aggregates,
        int workersPlanned,
        List<String> indexesUsed) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PlanSummary {
        requireNonNegative("totalCost", totalCost);
        requireNonNegative("startupCost", startupCost);
        requireNonNegative("planRows", planRows);
        for (int count : new int[] {
            planWidth,
            nodes,
            depth,
            seqScans,
            indexScans,
            bitmapScans,
            nestedLoops,
            hashJoins,
            mergeJoins,
            sorts,
            aggregates,
            workersPlanned
        }) {
            if (count < 0) {
                throw new IllegalArgumentException("plan widths and counts must be >= 0, found " + count);
            }
        }
        indexesUsed = List.copyOf(indexesUsed);
    }

    /**
     * Parses the text of {@code EXPLAIN (FORMAT JSON) ...}: an array holding one object with a {@code "Plan"}, or
     * that object alone. Extra keys ({@code "Planning Time"}, ANALYZE's actual values) are ignored.
     *
     * @throws IllegalArgumentException if the text is not JSON or holds no plan with a total cost
     */
    public static PlanSummary parse(String explainJson) {
        Objects.requireNonNull(explainJson, "explainJson");
        JsonNode document;
        try {
            document = JSON.readTree(explainJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("EXPLAIN output is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode top = document != null && document.isArray() ? document.path(0) : document;
        JsonNode root = top == null ? null : top.get("Plan");
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("EXPLAIN output holds no \"Plan\" object: " + abbreviate(explainJson));
        }
        Counter counter = new Counter();
        counter.visit(root, 1);
        return new PlanSummary(
                number(root, "Total Cost"),
                number(root, "Startup Cost"),
                number(root, "Plan Rows"),
                (int) number(root, "Plan Width"),
                counter.nodes,
                counter.depth,
                counter.seqScans,
                counter.indexScans,
                counter.bitmapScans,
                counter.nestedLoops,
                counter.hashJoins,
                counter.mergeJoins,
                counter.sorts,
                counter.aggregates,
                counter.workers,
                new ArrayList<>(counter.indexes));
    }

    /** Walks the tree once, counting node kinds. */
    private static final class Counter {
        int nodes;
        int depth;
        int seqScans;
        int indexScans;
        int bitmapScans;
        int nestedLoops;
        int hashJoins;
        int mergeJoins;
        int sorts;
        int aggregates;
        int workers;
        final Set<String> indexes = new LinkedHashSet<>();

        void visit(JsonNode node, int level) {
            nodes++;
            depth = Math.max(depth, level);
            String type = node.path("Node Type").asText("");
            switch (type) {
                case "Seq Scan" -> seqScans++;
                case "Index Scan", "Index Only Scan" -> indexScans++;
                case "Bitmap Heap Scan" -> bitmapScans++;
                case "Nested Loop" -> nestedLoops++;
                case "Hash Join" -> hashJoins++;
                case "Merge Join" -> mergeJoins++;
                case "Sort", "Incremental Sort" -> sorts++;
                case "Aggregate", "Group" -> aggregates++;
                case "Gather", "Gather Merge" ->
                    workers += node.path("Workers Planned").asInt(0);
                default -> {}
            }
            JsonNode index = node.get("Index Name");
            if (index != null && index.isTextual()) {
                indexes.add(index.asText());
            }
            for (JsonNode child : node.path("Plans")) {
                visit(child, level + 1);
            }
        }
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("the plan's root has no numeric \"" + field + "\"");
        }
        return value.asDouble();
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
