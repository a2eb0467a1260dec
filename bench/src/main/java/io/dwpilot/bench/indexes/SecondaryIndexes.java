package io.dwpilot.bench.indexes;

import io.dwpilot.agents.indexer.TableName;
import io.dwpilot.agents.indexer.WhatIfCostModel;
import io.dwpilot.models.index.IndexCandidate;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * Brings the benchmark database's workload tables to the starting point (keys only: primary-key and unique indexes,
 * and those backing a constraint) and builds a selection on them. Only for the benchmark's own database.
 */
public final class SecondaryIndexes {
    private final DataSource dataSource;

    public SecondaryIndexes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Drops every other index on {@code tables} (as the queries name them); returns the names dropped. */
    public List<String> dropOn(Collection<String> tables) throws SQLException {
        List<String> dropped = new ArrayList<>();
        String find = "SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname) FROM pg_index i"
                + " JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND t.relname = ? AND NOT i.indisprimary AND NOT i.indisunique"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(find);
                Statement s = c.createStatement()) {
            for (String name : tables) {
                TableName table = TableName.parse(name);
                ps.setString(1, table.schema());
                ps.setString(2, table.table());
                List<String> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                for (String index : found) {
                    s.execute("DROP INDEX " + index);
                    dropped.add(index);
                }
            }
        }
        return dropped;
    }

    /** Builds {@code indexes} (plain CREATE INDEX: nobody else uses this database) and analyzes their tables. */
    public void build(List<IndexCandidate> indexes, PrintStream out) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (int i = 0; i < indexes.size(); i++) {
                String ddl = WhatIfCostModel.hypothetical(indexes.get(i)).createSql();
                long started = System.nanoTime();
                s.execute(ddl);
                out.printf(
                        "  built %d/%d in %.1f s: %s%n",
                        i + 1, indexes.size(), (System.nanoTime() - started) / 1e9, ddl);
            }
            for (String table :
                    indexes.stream().map(IndexCandidate::table).distinct().toList()) {
                s.execute("ANALYZE " + table);
            }
        }
    }

    /** Analyzes {@code tables} so that every run plans on fresh statistics. */
    public void analyze(Collection<String> tables) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ANALYZE " + table);
            }
        }
    }
}
