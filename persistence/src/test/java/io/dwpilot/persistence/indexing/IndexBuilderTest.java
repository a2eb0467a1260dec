package io.dwpilot.persistence.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real concurrent builds and drops on a table of 20,000 rows whose column {@code k} has duplicates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexBuilderTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private Database database;
    private IndexBuilder builder;

    @BeforeAll
    void setUp() throws SQLException {
        database = TestPostgres.newWarehouse("indexbuild");
        execute("""
                CREATE SCHEMA build_test;
                CREATE TABLE build_test.items (id int PRIMARY KEY, k int NOT NULL, note text);
                INSERT INTO build_test.items SELECT g, g % 100, md5(g::text) FROM generate_series(1, 20000) g;
                ANALYZE build_test.items""");
        builder = new IndexBuilder(database.systemPool());
    }

    @AfterAll
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aConcurrentBuildReportsItsSizeAndTheIndexExistsUntilDropped() throws SQLException {
        BuildResult built = builder.create(
                "create index concurrently dwp_items_note on build_test.items (note)",
                "build_test",
                "dwp_items_note",
                MINUTE);

        assertThat(built.sizeBytes()).isPositive();
        assertThat(built.took()).isPositive();
        assertThat(builder.sizeBytes("build_test", "dwp_items_note")).isEqualTo(built.sizeBytes());
        assertThat(builder.exists("build_test", "dwp_items_note")).isTrue();
        assertThat(validity("dwp_items_note")).contains(true);
        assertThat(builder.scans("build_test", "dwp_items_note"))
                .hasValueSatisfying(s -> assertThat(s).isNotNegative());

        builder.drop("build_test", "dwp_items_note", MINUTE);
        assertThat(builder.exists("build_test", "dwp_items_note")).isFalse();
        assertThat(builder.scans("build_test", "dwp_items_note")).isEmpty();
        assertThatThrownBy(() -> builder.sizeBytes("build_test", "dwp_items_note"))
                .isInstanceOf(NoSuchElementException.class);
        builder.drop("build_test", "dwp_items_note", MINUTE); // IF EXISTS: dropping twice is harmless
    }

    @Test
    void scansCountIndexUse() throws SQLException {
        builder.create(
                "CREATE INDEX CONCURRENTLY dwp_items_k ON build_test.items (k)", "build_test", "dwp_items_k", MINUTE);
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            s.executeQuery("SELECT id FROM build_test.items WHERE k = 42").close();
            s.execute("RESET enable_seqscan");
            s.executeQuery("SELECT pg_stat_force_next_flush()").close();
        }
        assertThat(builder.scans("build_test", "dwp_items_k"))
                .hasValueSatisfying(s -> assertThat(s).isPositive());
        builder.drop("build_test", "dwp_items_k", MINUTE);
    }

    @Test
    void aFailedUniqueBuildDropsTheInvalidIndexItLeft() throws SQLException {
        assertThatThrownBy(() -> builder.create(
                        "CREATE UNIQUE INDEX CONCURRENTLY dwp_items_k_unique ON build_test.items (k)",
                        "build_test",
                        "dwp_items_k_unique",
                        MINUTE))
                .isInstanceOfSatisfying(
                        IndexBuildException.class, e -> assertThat(e.sqlState()).isEqualTo("23505"))
                .hasMessageContaining("build_test.dwp_items_k_unique")
                .hasMessageContaining("could not create unique index")
                .hasMessageContaining("the INVALID index it left was dropped");

        assertThat(validity("dwp_items_k_unique")).isEmpty();
        assertThat(builder.exists("build_test", "dwp_items_k_unique")).isFalse();
    }

    @Test
    void aTimedOutBuildLeavesNoInvalidIndex() throws SQLException {
        assertThatThrownBy(() -> builder.create(
                        "CREATE INDEX CONCURRENTLY dwp_items_slow ON build_test.items (note, k, id)",
                        "build_test",
                        "dwp_items_slow",
                        Duration.ofMillis(1)))
                .isInstanceOfSatisfying(
                        IndexBuildException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"))
                .hasMessageContaining("build_test.dwp_items_slow")
                .hasMessageContaining("statement timeout")
                .hasMessageNotContaining("could not be dropped");

        assertThat(validity("dwp_items_slow")).isEmpty();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            assertThat(rs.getString(1))
                    .as("the pool's connections keep their default")
                    .isEqualTo("0");
        }
    }

    @Test
    void onlyConcurrentCreateStatementsAreRun() {
        assertThatThrownBy(() ->
                        builder.create("CREATE INDEX dwp_x ON build_test.items (k)", "build_test", "dwp_x", MINUTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.create("DROP TABLE build_test.items", "build_test", "dwp_x", MINUTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.create(
                        "CREATE INDEX CONCURRENTLY dwp_x ON build_test.items (k);" + " DROP TABLE build_test.items",
                        "build_test",
                        "dwp_x",
                        MINUTE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.create(
                        "CREATE INDEX CONCURRENTLY dwp_x ON build_test.items (k)",
                        "build_test",
                        "dwp_x",
                        Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStatementBuildingAnotherIndexIsReported() throws SQLException {
        assertThatThrownBy(() -> builder.create(
                        "CREATE INDEX CONCURRENTLY dwp_items_other ON build_test.items (k)",
                        "build_test",
                        "dwp_items_expected",
                        MINUTE))
                .isInstanceOf(IndexBuildException.class)
                .hasMessageContaining("built no index build_test.dwp_items_expected");
        builder.drop("build_test", "dwp_items_other", MINUTE);
    }

    @Test
    void dropQuotesNamesThatAreNotPlainLowerCase() throws SQLException {
        execute("CREATE INDEX \"Dwp Mixed\" ON build_test.items (id, k)");
        assertThat(builder.exists("build_test", "Dwp Mixed")).isTrue();

        builder.drop("build_test", "Dwp Mixed", MINUTE);
        assertThat(builder.exists("build_test", "Dwp Mixed")).isFalse();
    }

    @Test
    void dropInvalidDropsOnlyTheNamesTheFilterAccepts() throws SQLException {
        leaveInvalid("dwp_left_behind");
        leaveInvalid("someone_elses");
        try {
            assertThat(validity("dwp_left_behind")).contains(false);
            assertThat(validity("someone_elses")).contains(false);

            assertThat(builder.dropInvalid(name -> name.startsWith("dwp_"))).isEqualTo(1);

            assertThat(validity("dwp_left_behind")).isEmpty();
            assertThat(validity("someone_elses")).contains(false);
            assertThat(builder.dropInvalid(name -> name.startsWith("dwp_"))).isZero();
        } finally {
            execute("DROP INDEX CONCURRENTLY IF EXISTS build_test.someone_elses");
        }
    }

    /** A failed unique concurrent build outside the builder, so that its INVALID index stays. */
    private void leaveInvalid(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), "");
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON build_test.items (k)"))
                    .isInstanceOf(SQLException.class);
        }
    }

    /** Whether the index of that name in build_test is valid (pg_index.indisvalid), empty when there is none. */
    private Optional<Boolean> validity(String name) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT i.indisvalid FROM pg_index i
                     JOIN pg_class c ON c.oid = i.indexrelid
                     JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'build_test' AND c.relname = ?""")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
