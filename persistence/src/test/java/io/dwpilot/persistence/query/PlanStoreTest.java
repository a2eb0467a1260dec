package io.dwpilot.persistence.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlanStoreTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("plan_store");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void storesAPlanWithItsCostPulledOut() throws SQLException {
        String plan = new QueryExecutor(database.sessions())
                .explain(new QueryRequest(
                        "SELECT * FROM silver.sales_cleaned WHERE customer_id = 7",
                        DatabaseRole.ANALYST,
                        Duration.ofSeconds(30),
                        1));
        assertThat(plan).contains("\"Node Type\"").contains("sales_cleaned");
        new PlanStore(database.systemPool()).store(42, "fp-plan", plan);
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT execution_plan = '" + plan.replace("'", "''") + "'::jsonb,"
                        + " cost_estimate > 0 FROM metadata.query_execution_plans WHERE query_id = 42")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isTrue();
        }
    }
}
