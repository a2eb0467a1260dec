package io.dwpilot.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.persistence.testing.Rows;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(TestPostgres.newDatabase("migrations"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void migrationsApplyOnceAndASecondRunChangesNothing() throws SQLException {
        Migrations migrations = new Migrations(database.systemPool());
        int applied = database.migrate();
        assertThat(applied).isGreaterThanOrEqualTo(8);
        List<String> schemaAfterFirst = columns();

        assertThat(database.migrate()).isZero();
        assertThat(columns()).isEqualTo(schemaAfterFirst);
        assertThat(migrations.currentVersion()).isEqualTo(Integer.toString(applied)); // versions are 1..n
    }

    @Test
    void everyLayerHasItsTables() throws SQLException {
        database.migrate();
        assertThat(tables())
                .contains(
                        "bronze.customer_raw",
                        "bronze.product_raw",
                        "bronze.sales_raw",
                        "bronze.inventory_raw",
                        "silver.customer_cleaned",
                        "silver.product_cleaned",
                        "silver.sales_cleaned",
                        "silver.inventory_cleaned",
                        "silver.quarantine",
                        "gold.sales_summary",
                        "gold.customer_360",
                        "gold.product_performance",
                        "gold.inventory_insights",
                        "metadata.query_logs",
                        "metadata.query_execution_plans",
                        "metadata.system_metrics",
                        "metadata.optimization_history",
                        "metadata.anomalies",
                        "metadata.forecasts",
                        "ml.feature_store",
                        "ml.model_registry",
                        "ml.training_runs",
                        "journal.event_journal",
                        "journal.event_tag",
                        "journal.snapshot",
                        "tpch.lineitem",
                        "tpch.orders",
                        "tpch.customer",
                        "tpch.part",
                        "tpch.partsupp",
                        "tpch.supplier",
                        "tpch.nation",
                        "tpch.region")
                .doesNotContain("metadata.index_usage_stats"); // nothing used it: V17 drops it
    }

    @Test
    void warehouseTablesHaveNoSecondaryIndexes() throws SQLException {
        database.migrate();
        // Only indexes that back a primary key or unique constraint: finding the others is the indexer's job.
        List<String> secondary = strings("""
                SELECT n.nspname || '.' || c.relname
                FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname IN ('bronze', 'silver', 'gold', 'tpch')
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                """);
        assertThat(secondary).isEmpty();
    }

    private List<String> columns() throws SQLException {
        return strings("""
                SELECT table_schema || '.' || table_name || '.' || column_name || ':' || data_type
                FROM information_schema.columns
                WHERE table_schema IN ('bronze', 'silver', 'gold', 'metadata', 'ml', 'journal')
                ORDER BY 1
                """);
    }

    private List<String> tables() throws SQLException {
        return strings("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                WHERE table_schema IN ('bronze', 'silver', 'gold', 'metadata', 'ml', 'journal', 'tpch')
                """);
    }

    private List<String> strings(String sql) throws SQLException {
        return Rows.strings(database.systemPool(), sql);
    }
}
