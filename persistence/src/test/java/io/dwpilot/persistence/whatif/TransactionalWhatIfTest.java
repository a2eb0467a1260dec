package io.dwpilot.persistence.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fallback path: real builds in a transaction that is always rolled back. Runs on every server. */
class TransactionalWhatIfTest extends WhatIfContract {
    @Override
    void open() throws SQLException {
        database = TestPostgres.newWarehouse("whatif_tx");
        createTable(database);
        whatIf = new TransactionalWhatIf(database.systemPool(), Duration.ofSeconds(30), Duration.ofMillis(300));
    }

    @Test
    void aBuildThatWouldWaitForALockGivesUpAtTheLockTimeoutAndLeavesNothing() throws SQLException {
        List<String> before = indexes(database);
        try (Connection writer = database.systemPool().getConnection();
                Statement s = writer.createStatement()) {
            writer.setAutoCommit(false);
            s.executeUpdate("UPDATE whatif_test.t SET amount = amount WHERE id = 1"); // ROW EXCLUSIVE until rollback
            long started = System.nanoTime();

            assertThatThrownBy(() -> whatIf.cost(SELECTIVE, List.of(ON_CUSTOMER)))
                    .isInstanceOfSatisfying(
                            WhatIfException.class, e -> assertThat(e.sqlState()).isEqualTo("55P03"))
                    .hasMessageContaining("SQLSTATE 55P03");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            writer.rollback();
        }
        assertThat(indexes(database)).isEqualTo(before);
    }

    @Test
    void aTooSlowBuildStopsAtTheStatementTimeout() {
        WhatIf impatient = new TransactionalWhatIf(database.systemPool(), Duration.ofMillis(1), Duration.ofSeconds(1));

        assertThatThrownBy(() -> impatient.cost(SELECTIVE, List.of(ON_CUSTOMER, ON_NOTE)))
                .isInstanceOfSatisfying(
                        WhatIfException.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));
    }

    @Test
    void anIndexThePlannerCannotUseInItsOwnTransactionIsReportedNotMisjudged() throws SQLException {
        execute(database, """
                CREATE TABLE whatif_test.hot (id int, k int) WITH (fillfactor = 50);
                INSERT INTO whatif_test.hot SELECT g, g % 100 FROM generate_series(1, 5000) g;
                ANALYZE whatif_test.hot""");
        try (Connection reader = database.systemPool().getConnection();
                Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            s.executeQuery("SELECT count(*) FROM whatif_test.hot").close(); // an old snapshot keeps the chains alive
            execute(database, "UPDATE whatif_test.hot SET k = k + 1 WHERE id <= 100"); // HOT: no index yet

            assertThatThrownBy(() -> whatIf.cost(
                            "SELECT * FROM whatif_test.hot WHERE k = 7",
                            List.of(HypotheticalIndex.on("whatif_test", "hot", "k"))))
                    .isInstanceOf(WhatIfException.class)
                    .hasMessageContaining("indcheckxmin");
            reader.rollback();
        }
    }
}
