package io.dwpilot.persistence.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The catalog on a real table with a primary key, a two-column index with INCLUDE and a partial index. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexCatalogTest {
    private Database database;
    private IndexCatalog catalog;

    @BeforeAll
    void setUp() throws SQLException {
        database = TestPostgres.newWarehouse("catalog");
        execute("""
                CREATE SCHEMA catalog_test;
                CREATE TABLE catalog_test.orders (
                    id bigint PRIMARY KEY,
                    customer int NOT NULL,
                    region int NOT NULL,
                    amount numeric(10, 2) NOT NULL,
                    status text NOT NULL,
                    note text);
                INSERT INTO catalog_test.orders
                SELECT g, g % 500, g % 7, (g % 1000) / 10.0,
                       CASE WHEN g % 50 = 0 THEN 'open' ELSE 'closed' END, md5(g::text)
                FROM generate_series(1, 10000) g;
                CREATE INDEX orders_customer_region ON catalog_test.orders (customer, region) INCLUDE (amount);
                CREATE INDEX orders_open ON catalog_test.orders (customer) WHERE status = 'open';
                CREATE INDEX orders_lower_note ON catalog_test.orders (lower(note), id);
                ANALYZE catalog_test.orders""");
        catalog = new IndexCatalog(database.systemPool());
    }

    @AfterAll
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void reportsEveryIndexOfTheSchemaExactly() throws SQLException {
        List<IndexInfo> indexes = catalog.indexes("catalog_test");

        assertThat(indexes)
                .extracting(IndexInfo::name)
                .containsExactly("orders_customer_region", "orders_lower_note", "orders_open", "orders_pkey");
        assertThat(indexes).allSatisfy(i -> {
            assertThat(i.schema()).isEqualTo("catalog_test");
            assertThat(i.table()).isEqualTo("orders");
            assertThat(i.valid()).isTrue();
            assertThat(i.sizeBytes()).isPositive();
            assertThat(i.scans()).isNotNegative();
            assertThat(i.definition()).startsWith("CREATE").contains(i.name());
        });

        IndexInfo pkey = byName(indexes, "orders_pkey");
        assertThat(pkey.keyColumns()).containsExactly("id");
        assertThat(pkey.includeColumns()).isEmpty();
        assertThat(pkey.primary()).isTrue();
        assertThat(pkey.unique()).isTrue();
        assertThat(pkey.predicate()).isEmpty();

        IndexInfo covering = byName(indexes, "orders_customer_region");
        assertThat(covering.keyColumns()).containsExactly("customer", "region");
        assertThat(covering.includeColumns()).containsExactly("amount");
        assertThat(covering.primary()).isFalse();
        assertThat(covering.unique()).isFalse();
        assertThat(covering.partial()).isFalse();
        assertThat(covering.hasExpressions()).isFalse();
        assertThat(covering.definition()).contains("INCLUDE (amount)");

        IndexInfo partial = byName(indexes, "orders_open");
        assertThat(partial.keyColumns()).containsExactly("customer");
        assertThat(partial.includeColumns()).isEmpty();
        assertThat(partial.partial()).isTrue();
        assertThat(partial.predicate())
                .hasValueSatisfying(p -> assertThat(p).contains("status").contains("'open'"));

        IndexInfo expression = byName(indexes, "orders_lower_note");
        assertThat(expression.keyColumns()).containsExactly(null, "id");
        assertThat(expression.hasExpressions()).isTrue();
        assertThat(expression.definition()).contains("lower(note)");
    }

    @Test
    void anEmptySchemaMeansAllUserSchemasAndNoSystemCatalogs() throws SQLException {
        List<IndexInfo> all = catalog.indexes("");

        assertThat(all)
                .extracting(IndexInfo::qualifiedName)
                .contains("catalog_test.orders_pkey", "catalog_test.orders_open");
        assertThat(all)
                .extracting(IndexInfo::schema)
                .doesNotContain("pg_catalog", "information_schema")
                .noneMatch(s -> s.startsWith("pg_toast") || s.startsWith("pg_temp_"));
        assertThat(catalog.indexes("no_such_schema")).isEmpty();
    }

    @Test
    void countsScansOnAnIndex() throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            s.executeQuery("SELECT id FROM catalog_test.orders WHERE id = 42").close();
            s.execute("RESET enable_seqscan");
            s.executeQuery("SELECT pg_stat_force_next_flush()").close();
        }
        assertThat(byName(catalog.indexes("catalog_test"), "orders_pkey").scans())
                .isPositive();
    }

    @Test
    void tableStatsShowTheRowCountSizeAndColumnWidthsAfterAnalyze() throws SQLException {
        TableStats stats = waitForWrites(10_000L);

        assertThat(stats.schema()).isEqualTo("catalog_test");
        assertThat(stats.table()).isEqualTo("orders");
        assertThat(stats.reltuples()).isEqualTo(10_000.0);
        assertThat(stats.relpages()).isPositive();
        assertThat(stats.sizeBytes()).isGreaterThanOrEqualTo(stats.relpages() * 8192L);
        assertThat(stats.writes()).isEqualTo(10_000L);
        assertThat(stats.avgColumnWidths()).containsOnlyKeys("id", "customer", "region", "amount", "status", "note");
        assertThat(stats.avgColumnWidths().keySet())
                .containsExactly("id", "customer", "region", "amount", "status", "note");
        assertThat(stats.avgColumnWidths())
                .containsEntry("id", 8)
                .containsEntry("customer", 4)
                .containsEntry("note", 33);
        assertThat(stats.avgRowWidth()).isGreaterThan(8 + 4 + 4 + 33);
        assertThat(stats.columnStats().keySet())
                .containsExactlyElementsOf(stats.avgColumnWidths().keySet());
        assertThat(stats.columnStats().get("region").distinctValues(stats.reltuples()))
                .isEqualTo(7);
        assertThat(stats.columnStats().get("status").distinctValues(stats.reltuples()))
                .isEqualTo(2);
        assertThat(stats.columnStats().get("id").distinctValues(stats.reltuples()))
                .isEqualTo(10_000);
        assertThat(stats.columnStats().get("note").nullFraction()).isZero();
    }

    @Test
    void columnsWithoutStatisticsAreAbsentAndUnknownTablesEmpty() throws SQLException {
        execute("""
                CREATE TABLE catalog_test.fresh (a int, b text);
                INSERT INTO catalog_test.fresh VALUES (1, 'x'), (2, 'y');
                ANALYZE catalog_test.fresh (a)""");

        TableStats fresh = catalog.table("catalog_test", "fresh").orElseThrow();
        assertThat(fresh.avgColumnWidths()).containsOnlyKeys("a");
        assertThat(catalog.table("catalog_test", "missing")).isEmpty();
        assertThat(catalog.table("catalog_test", "orders_pkey"))
                .as("an index is not a table")
                .isEmpty();
        assertThat(catalog.table("catalog_test'; DROP TABLE catalog_test.orders; --", "orders"))
                .isEmpty();
        assertThat(catalog.table("catalog_test", "orders")).isPresent();
    }

    @Test
    void aFailedConcurrentBuildLeavesAnInvalidIndexThatIsReported() throws SQLException {
        assertThat(catalog.invalid()).isEmpty();
        execute("""
                CREATE TABLE catalog_test.dupes (k int);
                INSERT INTO catalog_test.dupes VALUES (1), (1), (2)""");
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), "");
                Statement s = c.createStatement()) {
            c.setAutoCommit(true); // CREATE INDEX CONCURRENTLY cannot run inside a transaction block
            assertThatThrownBy(() -> s.execute("CREATE UNIQUE INDEX CONCURRENTLY dupes_k ON catalog_test.dupes (k)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("could not create unique index");
        }
        try {
            List<IndexInfo> invalid = catalog.invalid();
            assertThat(invalid).singleElement().satisfies(i -> {
                assertThat(i.qualifiedName()).isEqualTo("catalog_test.dupes_k");
                assertThat(i.table()).isEqualTo("dupes");
                assertThat(i.keyColumns()).containsExactly("k");
                assertThat(i.unique()).isTrue();
                assertThat(i.primary()).isFalse();
                assertThat(i.valid()).isFalse();
            });
            assertThat(byName(catalog.indexes("catalog_test"), "dupes_k").valid())
                    .isFalse();
        } finally {
            execute("DROP INDEX CONCURRENTLY IF EXISTS catalog_test.dupes_k");
        }
        assertThat(catalog.invalid()).isEmpty();
        assertThat(catalog.indexes("catalog_test")).extracting(IndexInfo::name).doesNotContain("dupes_k");
    }

    /** The INSERT of setUp was counted by another backend, which flushes its statistics within about a second. */
    private TableStats waitForWrites(long expected) throws SQLException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        TableStats stats = catalog.table("catalog_test", "orders").orElseThrow();
        while (stats.writes() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            stats = catalog.table("catalog_test", "orders").orElseThrow();
        }
        return stats;
    }

    private static IndexInfo byName(List<IndexInfo> indexes, String name) {
        Optional<IndexInfo> found =
                indexes.stream().filter(i -> i.name().equals(name)).findFirst();
        assertThat(found).as("index %s", name).isPresent();
        return found.orElseThrow();
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
