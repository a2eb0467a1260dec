package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Captures EXPLAIN (FORMAT JSON) of a statement into metadata.query_execution_plans, with the planner's total cost,
 * estimated rows and the indexes the plan uses pulled out of the JSON by PostgreSQL itself.
 */
public final class PlanStore {
    private static final String INSERT = """
            INSERT INTO metadata.query_execution_plans (query_id, fingerprint, execution_plan, cost_estimate,
                                                        rows_estimate, indexes_used)
            SELECT ?, ?, p, (p -> 0 -> 'Plan' ->> 'Total Cost')::float8, (p -> 0 -> 'Plan' ->> 'Plan Rows')::float8,
                   ARRAY(SELECT DISTINCT i #>> '{}' FROM jsonb_path_query(p, 'strict $.**."Index Name"') i)
            FROM (SELECT ?::jsonb AS p) plan""";

    private final DataSource dataSource;

    public PlanStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** EXPLAIN without ANALYZE: the statement is planned, never run. Returns the plan JSON. */
    public String explain(String sql) throws SQLException {
        if (StatementText.hasSeveralStatements(sql)) {
            throw new SQLException("One statement per request: the text holds several", "42601");
        }
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Plans the statement, stores the plan for its fingerprint and returns the plan JSON it stored. */
    public String capture(long queryId, String fingerprint, String sql) throws SQLException {
        String plan = explain(sql);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, queryId);
            ps.setString(2, fingerprint);
            ps.setString(3, plan);
            ps.executeUpdate();
        }
        return plan;
    }
}
