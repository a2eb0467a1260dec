package io.dwpilot.agents.indexer;

import io.dwpilot.models.index.ColumnResolver;
import io.dwpilot.models.index.ExistingIndex;
import io.dwpilot.models.index.IndexCandidate;
import io.dwpilot.models.index.TableStatistics;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.catalog.IndexInfo;
import io.dwpilot.persistence.catalog.TableStats;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the catalog says about the tables a workload reads, keyed by the names the queries give them: their
 * statistics, columns and indexes. Tables the catalog does not have (views, CTE names the text could not tell, tables
 * dropped since) are simply unknown, and no index is proposed on them.
 */
public final class WarehouseFacts {
    private final Map<String, TableStats> tables;
    private final Map<String, List<IndexInfo>> indexes;

    private WarehouseFacts(Map<String, TableStats> tables, Map<String, List<IndexInfo>> indexes) {
        this.tables = tables;
        this.indexes = indexes;
    }

    /** Reads the statistics and indexes of {@code tableNames} (as queries name them). */
    public static WarehouseFacts load(IndexCatalog catalog, Collection<String> tableNames) throws SQLException {
        Map<String, TableStats> tables = new LinkedHashMap<>();
        Map<String, List<IndexInfo>> indexes = new LinkedHashMap<>();
        Map<String, List<IndexInfo>> bySchema = new HashMap<>();
        for (String name : Set.copyOf(tableNames)) {
            TableName table = TableName.parse(name);
            var stats = catalog.table(table.schema(), table.table());
            if (stats.isEmpty()) {
                continue;
            }
            tables.put(name, stats.get());
            List<IndexInfo> schemaIndexes = bySchema.get(table.schema());
            if (schemaIndexes == null) {
                schemaIndexes = catalog.indexes(table.schema());
                bySchema.put(table.schema(), schemaIndexes);
            }
            indexes.put(
                    name,
                    schemaIndexes.stream()
                            .filter(index -> index.table().equals(table.table()))
                            .toList());
        }
        return new WarehouseFacts(tables, indexes);
    }

    public boolean knows(String table) {
        return tables.containsKey(table);
    }

    /**
     * Whether every column of {@code candidate} is a column of its table, as far as the statistics tell (a table
     * never analyzed tells nothing, and passes): a wrong analysis must not fail a whole advice with a what-if error.
     */
    public boolean hasColumns(IndexCandidate candidate) {
        TableStats stats = tables.get(candidate.table());
        if (stats == null || stats.avgColumnWidths().isEmpty()) {
            return stats != null;
        }
        return stats.avgColumnWidths().keySet().containsAll(candidate.keyColumnNames())
                && stats.avgColumnWidths().keySet().containsAll(candidate.includeColumns());
    }

    /** The known tables' statistics, for index size estimates and partial indexes. */
    public List<TableStatistics> statistics() {
        List<TableStatistics> statistics = new ArrayList<>();
        tables.forEach((name, stats) -> {
            double rows = Math.max(0, stats.reltuples());
            Map<String, Double> widths = new LinkedHashMap<>();
            stats.avgColumnWidths().forEach((column, width) -> widths.put(column, width.doubleValue()));
            Map<String, Double> distinct = new LinkedHashMap<>();
            Map<String, Double> nulls = new LinkedHashMap<>();
            stats.columnStats().forEach((column, values) -> {
                distinct.put(column, values.distinctValues(rows));
                nulls.put(column, values.nullFraction());
            });
            statistics.add(new TableStatistics(name, rows, widths, distinct, nulls));
        });
        return statistics;
    }

    /**
     * The valid, plain indexes (no expression, not partial), which serve any query that filters or sorts on their
     * leading columns: candidates they already serve are never proposed again.
     */
    public List<ExistingIndex> existingIndexes() {
        List<ExistingIndex> existing = new ArrayList<>();
        indexes.forEach((table, infos) -> infos.stream()
                .filter(index -> index.valid() && !index.hasExpressions() && !index.partial())
                .forEach(index -> existing.add(new ExistingIndex(table, index.keyColumns()))));
        return existing;
    }

    /** Tells the tables of unqualified columns from the known tables' columns. */
    public ColumnResolver columnResolver() {
        Map<String, Set<String>> columns = new HashMap<>();
        tables.forEach(
                (name, stats) -> columns.put(name, stats.avgColumnWidths().keySet()));
        return new ColumnResolver(columns);
    }

    /** The table's heap size in bytes, 0 for an unknown table. */
    public long tableBytes(String table) {
        TableStats stats = tables.get(table);
        return stats == null ? 0 : stats.sizeBytes();
    }
}
