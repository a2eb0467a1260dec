package io.dwpilot.persistence.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.persistence.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What every {@link WhatIf} must do, on a real table of 50,000 rows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WhatIfContract {
    static final String SELECTIVE = "SELECT * FROM whatif_test.t WHERE customer = 7";
    static final HypotheticalIndex ON_CUSTOMER = HypotheticalIndex.on("whatif_test", "t", "customer");
    static final HypotheticalIndex ON_NOTE = HypotheticalIndex.on("whatif_test", "t", "note");

    Database database;
    WhatIf whatIf;

    /** Sets {@link #database} (with the test table) and {@link #whatIf}, where this server can. */
    abstract void open() throws SQLException;

    /** Skips each test by an assumption, with the reason, where this server cannot run the implementation. */
    void assumeAvailable() {}

    @BeforeAll
    void setUp() throws SQLException {
        open();
    }

    @BeforeEach
    void checkAvailable() {
        assumeAvailable();
    }

    @AfterAll
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    static void createTable(Database database) throws SQLException {
        execute(database, """
                CREATE SCHEMA whatif_test;
                CREATE TABLE whatif_test.t AS
                SELECT g AS id, g % 1000 AS customer, g % 7 AS region, (g * 37) % 50000 AS amount, md5(g::text) AS note
                FROM generate_series(1, 50000) g;
                ANALYZE whatif_test.t""");
    }

    static void execute(Database database, String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String explainDirectly(Database database, String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN (FORMAT JSON) " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every index of the database, by schema-qualified name. */
    static List<String> indexes(Database database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT schemaname || '.' || indexname FROM pg_indexes ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void withoutIndexesTheSelectiveQueryIsASeqScanAtThePlannersCost() throws SQLException {
        PlanCost baseline = whatIf.cost(SELECTIVE, List.of());

        String plan = explainDirectly(database, SELECTIVE);
        assertThat(plan).contains("Seq Scan").doesNotContain("Index");
        assertThat(baseline.totalCost()).isGreaterThan(500);
        assertThat(plan).contains("\"Total Cost\": " + formatCost(baseline.totalCost()));
        assertThat(baseline.planRows()).isBetween(20.0, 200.0);
        assertThat(baseline.indexNames()).isEmpty();
        assertThat(baseline.usesCandidates()).isFalse();
    }

    @Test
    void anIndexOnThePredicateColumnCutsTheCostAndIsNamedInThePlan() {
        double baseline = whatIf.cost(SELECTIVE, List.of()).totalCost();

        PlanCost withIndex = whatIf.cost(SELECTIVE, List.of(ON_CUSTOMER));

        assertThat(withIndex.totalCost()).isLessThan(baseline * 0.5);
        assertThat(withIndex.usedCandidates()).containsExactly(ON_CUSTOMER);
        assertThat(withIndex.indexNames()).hasSize(1);
        assertThat(withIndex.planRows()).isBetween(20.0, 200.0);
    }

    @Test
    void anIndexOnAnUnrelatedColumnDoesNotHelp() {
        PlanCost baseline = whatIf.cost(SELECTIVE, List.of());

        PlanCost unrelated = whatIf.cost(SELECTIVE, List.of(ON_NOTE));

        assertThat(unrelated.totalCost()).isCloseTo(baseline.totalCost(), within(1e-6));
        assertThat(unrelated.usedCandidates()).isEmpty();
        assertThat(unrelated.indexNames()).isEmpty();
    }

    @Test
    void ofSeveralCandidatesOnlyTheUsefulOneIsReported() {
        PlanCost both = whatIf.cost(SELECTIVE, List.of(ON_NOTE, ON_CUSTOMER));

        assertThat(both.usedCandidates()).containsExactly(ON_CUSTOMER);
    }

    @Test
    void coveringPartialAndDescendingIndexesAreEvaluated() {
        String sql = "SELECT amount FROM whatif_test.t WHERE region = 3 AND customer = 7 ORDER BY amount DESC LIMIT 5";
        double baseline = whatIf.cost(sql, List.of()).totalCost();
        HypotheticalIndex partial = new HypotheticalIndex(
                        "whatif_test",
                        "t",
                        List.of(HypotheticalIndex.Key.asc("customer"), HypotheticalIndex.Key.desc("amount")),
                        List.of(),
                        java.util.Optional.empty())
                .including("id")
                .where("region = 3");
        assertThat(partial.createSql())
                .isEqualTo("CREATE INDEX ON whatif_test.t (customer, amount DESC) INCLUDE (id) WHERE region = 3");

        PlanCost planned = whatIf.cost(sql, List.of(partial));

        assertThat(planned.usedCandidates()).containsExactly(partial);
        assertThat(planned.totalCost()).isLessThan(baseline * 0.5);
    }

    @Test
    void aStatementThatCannotBePlannedNamesItsSqlState() {
        assertThatThrownBy(() -> whatIf.cost("SELECT nope FROM whatif_test.t", List.of(ON_CUSTOMER)))
                .isInstanceOfSatisfying(
                        WhatIfException.class, e -> assertThat(e.sqlState()).isEqualTo("42703"))
                .hasMessageContaining("SQLSTATE 42703")
                .hasMessageContaining("SELECT nope FROM whatif_test.t");
    }

    @Test
    void parameterPlaceholdersAreNotSupported() {
        assertThat(whatIf.cost("SELECT '$1', \"$2\" FROM (SELECT 1 AS \"$2\") x -- $3", List.of())
                        .totalCost())
                .isGreaterThanOrEqualTo(0); // not placeholders: in a string, a quoted name and a comment
        assertThatThrownBy(() -> whatIf.cost("SELECT * FROM whatif_test.t WHERE customer = $1", List.of()))
                .isInstanceOfSatisfying(
                        WhatIfException.class,
                        e -> assertThat(e.sqlState()).as(e.getMessage()).isEqualTo("42P02"))
                .hasMessageContaining("SQLSTATE 42P02");
    }

    @Test
    void aCandidateThatCannotBeCreatedNamesItsSqlState() {
        HypotheticalIndex missingColumn = HypotheticalIndex.on("whatif_test", "t", "no_such_column");

        // PostgreSQL says 42703 (undefined column); hypopg reports its own errors as XX000
        assertThatThrownBy(() -> whatIf.cost(SELECTIVE, List.of(missingColumn)))
                .isInstanceOfSatisfying(
                        WhatIfException.class, e -> assertThat(e.sqlState()).isIn("42703", "XX000"))
                .hasMessageContaining("SQLSTATE")
                .hasMessageContaining("no_such_column");
    }

    @Test
    void textWithSeveralStatementsIsRefusedBeforeItReachesTheServer() throws SQLException {
        List<String> before = indexes(database);

        assertThatThrownBy(
                        () -> whatIf.cost("SELECT E'\\'' ; CREATE INDEX sneaky ON whatif_test.t (id); --'", List.of()))
                .isInstanceOfSatisfying(
                        WhatIfException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"))
                .hasMessageContaining("One statement");
        assertThatThrownBy(() -> whatIf.cost("SELECT 1 AS a$$; COMMIT; SELECT 1 AS b$$", List.of()))
                .isInstanceOf(WhatIfException.class);
        assertThat(indexes(database)).isEqualTo(before);
        assertThat(whatIf.cost("SELECT ';' AS semicolon;", List.of()).totalCost())
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void callsCountEveryPlannedEvaluation() {
        long before = whatIf.calls();

        whatIf.cost(SELECTIVE, List.of());
        whatIf.cost(SELECTIVE, List.of(ON_CUSTOMER));

        assertThat(whatIf.calls()).isEqualTo(before + 2);
    }

    @Test
    void noIndexIsLeftBehind() throws SQLException {
        List<String> before = indexes(database);

        whatIf.cost(SELECTIVE, List.of(ON_CUSTOMER, ON_NOTE));
        assertThatThrownBy(() -> whatIf.cost("SELECT nope FROM whatif_test.t", List.of(ON_CUSTOMER)))
                .isInstanceOf(WhatIfException.class);

        assertThat(indexes(database)).isEqualTo(before).noneMatch(name -> name.startsWith("whatif_test."));
    }

    private static String formatCost(double cost) {
        return String.format(java.util.Locale.ROOT, "%.2f", cost);
    }
}
