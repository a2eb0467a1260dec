package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Stores EXPLAIN (FORMAT JSON) of a statement in metadata.query_execution_plans, with the planner's total cost,
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

    /** Stores a plan (EXPLAIN JSON) of the fingerprint, captured for the given execution. */
    public void store(long queryId, String fingerprint, String plan) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, queryId);
            ps.setString(2, fingerprint);
            ps.setString(3, plan);
            ps.executeUpdate();
        }
    }
}
