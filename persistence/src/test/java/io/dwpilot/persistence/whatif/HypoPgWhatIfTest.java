package io.dwpilot.persistence.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hypopg path. It runs where the tests run on the PostgreSQL service (CI), which has hypopg; the embedded
 * PostgreSQL 17 has not, and there the whole class is skipped by an assumption that says so.
 */
class HypoPgWhatIfTest extends WhatIfContract {
    private HypoPgWhatIf hypoPg;
    private String unavailable = "";

    @Override
    void open() throws SQLException {
        if (!TestPostgres.external()) {
            unavailable = "hypopg is tested on the PostgreSQL service named by DWPILOT_TEST_PG_URL (as in CI); the"
                    + " embedded PostgreSQL 17 has no hypopg, so there TransactionalWhatIfTest covers the fallback";
            return;
        }
        database = TestPostgres.newWarehouse("whatif_hypopg");
        if (WhatIfs.hypopgSchema(database.systemPool()).isEmpty()) {
            unavailable = "this PostgreSQL server does not offer the hypopg extension";
            return;
        }
        createTable(database);
        hypoPg = new HypoPgWhatIf(
                database.systemPool(),
                WhatIfs.hypopgSchema(database.systemPool()).orElseThrow());
        whatIf = hypoPg;
    }

    @Override
    void assumeAvailable() {
        assumeTrue(unavailable.isEmpty(), unavailable);
    }

    @Test
    void theSizeEstimateIsInTheRangeOfARealIndex() throws SQLException {
        long estimated = hypoPg.estimatedSizeBytes(ON_CUSTOMER);

        execute(database, "CREATE INDEX whatif_real ON whatif_test.t (customer)");
        long real;
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_relation_size('whatif_test.whatif_real')")) {
            rs.next();
            real = rs.getLong(1);
        } finally {
            execute(database, "DROP INDEX whatif_test.whatif_real");
        }
        assertThat(estimated).isBetween(real / 4, real * 4);
    }

    @Test
    void aPooledConnectionKeepsNoHypotheticalIndexAfterAnEvaluation() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.url());
        config.setUsername(database.user());
        config.setMaximumPoolSize(1); // every borrow is the same backend, the one that held the hypothetical indexes
        try (HikariDataSource single = new HikariDataSource(config)) {
            HypoPgWhatIf onOneBackend =
                    new HypoPgWhatIf(single, WhatIfs.hypopgSchema(single).orElseThrow());
            onOneBackend.cost(SELECTIVE, List.of(ON_CUSTOMER, ON_NOTE));
            try {
                onOneBackend.cost("SELECT nope FROM whatif_test.t", List.of(ON_CUSTOMER));
            } catch (WhatIfException expected) {
                // the failure path must reset as well
            }
            try (Connection c = single.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM hypopg_list_indexes")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            assertThat(onOneBackend.cost(SELECTIVE, List.of()).usesCandidates()).isFalse();
        }
    }

    @Test
    void hypotheticalIndexesCarryHypopgNames() {
        PlanCost planned = hypoPg.cost(SELECTIVE, List.of(ON_CUSTOMER));

        assertThat(planned.indexNames())
                .singleElement()
                .asString()
                .startsWith("<")
                .contains("btree");
    }
}
