package io.dwpilot.persistence.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The indexer's workload reads on a small, hand-made query log. The window is [T0, T0 + 1h) of workload time;
 * rows before and after it, failed rows and rows without a fingerprint must not count.
 */
class IndexWorkloadRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static Database db;
    private static IndexWorkloadRepository repo;

    @BeforeAll
    static void setUp() throws SQLException {
        db = TestPostgres.newWarehouse("workload");
        repo = new IndexWorkloadRepository(db.systemPool());
        try (Connection c = db.systemPool().getConnection()) {
            c.setAutoCommit(false);
            // fp-sales: 10 ok selects of 20 ms in the window (the latest at T0 + 10 min), simulated time.
            for (int i = 0; i < 10; i++) {
                log(
                        c,
                        "SELECT * FROM silver.sales_cleaned WHERE customer_id = " + i,
                        "fp-sales",
                        "select",
                        "ok",
                        20.0,
                        1,
                        new String[] {"silver.sales_cleaned"},
                        T0.minusSeconds(86_400),
                        T0.plusSeconds(60L * i + 60));
            }
            // A later failure of fp-sales and one just after the window: neither is representative nor counted.
            log(
                    c,
                    "SELECT * FROM silver.sales_cleaned WHERE customer_id = 'x'",
                    "fp-sales",
                    "select",
                    "error",
                    null,
                    null,
                    new String[] {"silver.sales_cleaned"},
                    T0.minusSeconds(86_400),
                    T0.plusSeconds(1800));
            log(
                    c,
                    "SELECT * FROM silver.sales_cleaned WHERE customer_id = 99",
                    "fp-sales",
                    "select",
                    "ok",
                    5000.0,
                    1,
                    new String[] {"silver.sales_cleaned"},
                    T0.minusSeconds(86_400),
                    T1);
            // fp-join: 3 executions of 100 ms at wall-clock time (no simulated_at) in the window: total 300 > 200.
            for (int i = 0; i < 3; i++) {
                log(
                        c,
                        "SELECT * FROM silver.sales_cleaned s JOIN silver.customer_cleaned c USING (customer_id)"
                                + " WHERE c.region = " + i,
                        "fp-join",
                        "select",
                        "ok",
                        50.0 + 50.0 * i,
                        10,
                        new String[] {"silver.sales_cleaned", "silver.customer_cleaned"},
                        T0.plusSeconds(30L + i),
                        null);
            }
            // One before the window and one without a fingerprint.
            log(
                    c,
                    "SELECT 1 FROM gold.sales_summary",
                    "fp-old",
                    "select",
                    "ok",
                    1000.0,
                    1,
                    new String[] {"gold.sales_summary"},
                    T0.minusSeconds(1),
                    null);
            log(
                    c,
                    "SELECT 2 FROM gold.sales_summary",
                    null,
                    "select",
                    "ok",
                    1000.0,
                    1,
                    new String[] {"gold.sales_summary"},
                    T0.plusSeconds(1),
                    null);
            // Writes: 2 inserts of 500 rows, an update of 0 rows (counts 1), a delete with no row count (counts 1),
            // a failed insert and an insert outside the window.
            for (int i = 0; i < 2; i++) {
                log(
                        c,
                        "INSERT INTO silver.sales_cleaned SELECT * FROM bronze.sales_raw",
                        "fp-ins",
                        "insert",
                        "ok",
                        40.0,
                        500,
                        new String[] {"silver.sales_cleaned", "bronze.sales_raw"},
                        T0.plusSeconds(100 + i),
                        null);
            }
            log(
                    c,
                    "UPDATE silver.customer_cleaned SET region = 1 WHERE false",
                    "fp-upd",
                    "update",
                    "ok",
                    1.0,
                    0,
                    new String[] {"silver.customer_cleaned"},
                    T0.plusSeconds(200),
                    null);
            log(
                    c,
                    "DELETE FROM silver.customer_cleaned WHERE customer_id = 1",
                    "fp-del",
                    "delete",
                    "ok",
                    1.0,
                    null,
                    new String[] {"silver.customer_cleaned"},
                    T0.plusSeconds(201),
                    null);
            log(
                    c,
                    "INSERT INTO silver.customer_cleaned VALUES (1)",
                    "fp-ins2",
                    "insert",
                    "error",
                    null,
                    null,
                    new String[] {"silver.customer_cleaned"},
                    T0.plusSeconds(202),
                    null);
            log(
                    c,
                    "INSERT INTO silver.customer_cleaned VALUES (2)",
                    "fp-ins2",
                    "insert",
                    "ok",
                    1.0,
                    1000,
                    new String[] {"silver.customer_cleaned"},
                    T1.plusSeconds(1),
                    null);
            c.commit();
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void fingerprintsAreCostliestFirstWithTheLatestOkTextAsRepresentative() throws SQLException {
        List<FingerprintWorkload> all = repo.fingerprints(T0, T1, 100);

        assertThat(all)
                .extracting(FingerprintWorkload::fingerprint)
                .containsExactly("fp-join", "fp-sales", "fp-ins", "fp-del", "fp-upd");
        FingerprintWorkload join = all.get(0);
        assertThat(join.executions()).isEqualTo(3);
        assertThat(join.meanTimeMs()).isEqualTo(100.0);
        assertThat(join.totalTimeMs()).isEqualTo(300.0);
        assertThat(join.statementKind()).isEqualTo("select");
        assertThat(join.tables()).containsExactly("silver.sales_cleaned", "silver.customer_cleaned");
        assertThat(join.representativeSql()).endsWith("c.region = 2");

        FingerprintWorkload sales = all.get(1);
        assertThat(sales.executions()).isEqualTo(10);
        assertThat(sales.meanTimeMs()).isEqualTo(20.0);
        assertThat(sales.representativeSql()).isEqualTo("SELECT * FROM silver.sales_cleaned WHERE customer_id = 9");
        assertThat(sales.recentSql())
                .hasSize(IndexWorkloadRepository.RECENT_TEXTS)
                .startsWith(sales.representativeSql(), "SELECT * FROM silver.sales_cleaned WHERE customer_id = 8");
        assertThat(sales.tables()).containsExactly("silver.sales_cleaned");

        assertThat(repo.fingerprints(T0, T1, 1))
                .extracting(FingerprintWorkload::fingerprint)
                .containsExactly("fp-join");
        assertThat(repo.fingerprints(T0.minusSeconds(10), T0, 10))
                .extracting(FingerprintWorkload::fingerprint)
                .containsExactly("fp-old");
        assertThat(repo.fingerprints(T1.plusSeconds(3600), T1.plusSeconds(7200), 10))
                .isEmpty();
        assertThatThrownBy(() -> repo.fingerprints(T0, T1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAreSummedPerTableWithAtLeastOnePerStatement() throws SQLException {
        assertThat(repo.tableWrites(T0, T1))
                .containsOnly(
                        Map.entry("silver.sales_cleaned", 1000.0),
                        Map.entry("bronze.sales_raw", 1000.0),
                        Map.entry("silver.customer_cleaned", 2.0));
        assertThat(repo.tableWrites(T1, T1.plusSeconds(60))).containsOnly(Map.entry("silver.customer_cleaned", 1000.0));
    }

    @Test
    void latenciesAreTheLatestOkOnesUpToTheCapOldestFirst() throws SQLException {
        Map<String, double[]> latencies = repo.latencies(List.of("fp-sales", "fp-join", "fp-none"), T0, T1, 2);

        assertThat(latencies).containsOnlyKeys("fp-sales", "fp-join");
        assertThat(latencies.get("fp-join")).containsExactly(100.0, 150.0);
        assertThat(latencies.get("fp-sales")).containsExactly(20.0, 20.0);
        assertThat(repo.latencies(List.of("fp-sales"), T0, T1.plusSeconds(1), 100)
                        .get("fp-sales"))
                .hasSize(11)
                .endsWith(5000.0);
        assertThat(repo.latencies(List.of(), T0, T1, 10)).isEmpty();
        assertThatThrownBy(() -> repo.latencies(List.of("fp-sales"), T0, T1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintsTouchingATableAndExecutionsSince() throws SQLException {
        assertThat(repo.fingerprintsTouching("silver.sales_cleaned", T0, T1))
                .containsExactlyInAnyOrder("fp-sales", "fp-join", "fp-ins");
        assertThat(repo.fingerprintsTouching("silver.customer_cleaned", T0, T1))
                .containsExactlyInAnyOrder("fp-join", "fp-upd", "fp-del");
        assertThat(repo.fingerprintsTouching("gold.sales_summary", T0, T1)).isEmpty();

        assertThat(repo.executionsSince(List.of("fp-sales", "fp-join"), T0)).isEqualTo(14);
        assertThat(repo.executionsSince(List.of("fp-sales"), T0.plusSeconds(300)))
                .isEqualTo(7);
        assertThat(repo.executionsSince(List.of("fp-none"), T0)).isZero();
        assertThat(repo.executionsSince(List.of(), T0)).isZero();
    }

    @Test
    void theWindowsCanUseTheWorkloadTimeIndex() throws SQLException {
        assertThat(plan(IndexWorkloadRepository.FINGERPRINTS, 3)).contains("query_logs_workload_time");
        assertThat(plan(IndexWorkloadRepository.TABLE_WRITES, 2)).contains("query_logs_workload_time");
    }

    /** The plan of a windowed query (the first two parameters are the window, a third the limit) without seq scans. */
    private static String plan(String sql, int parameters) throws SQLException {
        try (Connection c = db.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                ps.setTimestamp(1, Timestamp.from(T0));
                ps.setTimestamp(2, Timestamp.from(T1));
                if (parameters > 2) {
                    ps.setInt(3, 10);
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                s.execute("RESET enable_seqscan");
            }
        }
    }

    private static void log(
            Connection c,
            String sql,
            String fingerprint,
            String kind,
            String status,
            Double timeMs,
            Integer rows,
            String[] tables,
            Instant executedAt,
            Instant simulatedAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO metadata.query_logs (query_text, fingerprint, statement_kind, user_id, user_role, status,
                    execution_time_ms, rows_returned, tables_accessed, executed_at, simulated_at)
                VALUES (?, ?, ?, 'u', 'analyst', ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, sql);
            ps.setString(2, fingerprint);
            ps.setString(3, kind);
            ps.setString(4, status);
            ps.setObject(5, timeMs, Types.DOUBLE);
            ps.setObject(6, rows, Types.BIGINT);
            ps.setArray(7, c.createArrayOf("text", tables));
            ps.setTimestamp(8, Timestamp.from(executedAt));
            ps.setTimestamp(9, simulatedAt == null ? null : Timestamp.from(simulatedAt));
            ps.execute();
        }
    }
}
