package io.dwpilot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.query.QueryFailure;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryGatewayTest {
    private static final Caller ANALYST = new Caller("ana", Role.ANALYST);
    private static final Caller ADMIN = new Caller("root", Role.ADMIN);
    private static Database database;
    private static ExecutorService blocking;

    @BeforeAll
    static void open() throws SQLException {
        database = TestPostgres.newWarehouse("gateway");
        blocking = Executors.newFixedThreadPool(8);
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE gold.items AS SELECT g AS id, g % 10 AS bucket FROM generate_series(1, 1000) g");
        }
    }

    @AfterAll
    static void close() {
        blocking.shutdownNow();
        database.close();
    }

    private static GatewaySettings settings(int maxConcurrent, Duration admissionWait) {
        return GatewaySettings.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30))
                .withRowLimits(100, 1000)
                .withLog(50_000, 500, Duration.ofMillis(50))
                .withOneLane(maxConcurrent, admissionWait);
    }

    private static QueryGateway gateway(int maxConcurrent, Duration admissionWait) {
        return GatewayAssembly.create(
                settings(maxConcurrent, admissionWait),
                database.sessions(),
                database.systemPool(),
                blocking,
                Clock.systemUTC());
    }

    private static QueryOutcome run(QueryGateway gateway, String sql, Caller caller) {
        try {
            return gateway.execute(QuerySubmission.of(sql, caller))
                    .toCompletableFuture()
                    .join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void aReadRunsIsLoggedPublishedAndItsPlanCaptured() throws Exception {
        List<QueryExecuted> events = new CopyOnWriteArrayList<>();
        QueryOutcome first;
        QueryOutcome second;
        try (QueryGateway gateway = gateway(4, Duration.ofSeconds(1))) {
            gateway.subscribe(events::add);
            first = run(gateway, "SELECT id FROM gold.items WHERE bucket = 3 ORDER BY id LIMIT 5", ANALYST);
            second = run(gateway, "SELECT id FROM gold.items WHERE bucket = 7 ORDER BY id LIMIT 5", ANALYST);
            assertThat(first.result().rows()).hasSize(5);
            assertThat(first.fingerprint()).isEqualTo(second.fingerprint());
            assertThat(first.tables()).containsExactly("gold.items");
            Thread.sleep(500); // the plan is captured in the background
        }
        assertThat(events).extracting(QueryExecuted::queryId).containsExactly(first.queryId(), second.queryId());
        assertThat(events.get(0).sql()).isEqualTo("SELECT id FROM gold.items WHERE bucket = 3 ORDER BY id LIMIT 5");
        assertThat(string("SELECT status || ' ' || user_role || ' ' || rows_returned || ' ' || fingerprint"
                        + " FROM metadata.query_logs WHERE query_id = "
                        + first.queryId().orElseThrow()))
                .isEqualTo("ok analyst 5 " + first.fingerprint());
        assertThat(string("SELECT count(*) FROM metadata.query_execution_plans WHERE fingerprint = '"
                        + first.fingerprint() + "' AND cost_estimate > 0"))
                .isEqualTo("1");
    }

    @Test
    void analystsMayOnlyReadAdminsMayWrite() throws Exception {
        QueryOutcome updated;
        try (QueryGateway gateway = gateway(4, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> run(gateway, "UPDATE gold.items SET bucket = 0 WHERE id = 1", ANALYST))
                    .isInstanceOfSatisfying(
                            GatewayRejection.class,
                            r -> assertThat(r.reason()).isEqualTo(GatewayRejection.Reason.FORBIDDEN));
            updated = run(gateway, "UPDATE gold.items SET bucket = bucket WHERE id <= 3", ADMIN);
        }
        assertThat(updated.result().rowCount()).isEqualTo(3);
        assertThat(string("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'ana' AND status = 'rejected'"
                        + " AND error_code = 'forbidden'"))
                .isEqualTo("1");
    }

    @Test
    void badSqlReturnsPostgresErrorAndIsLogged() throws Exception {
        try (QueryGateway gateway = gateway(4, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> run(gateway, "SELECT id FROM gold.itemz", ANALYST))
                    .isInstanceOfSatisfying(QueryFailure.class, f -> {
                        assertThat(f.getMessage()).contains("relation \"gold.itemz\" does not exist");
                        assertThat(f.position()).contains(16);
                    });
            // PostgreSQL syntax the parser does not know still runs, with a text fingerprint
            QueryOutcome table = run(gateway, "TABLE gold.items LIMIT 2", ANALYST);
            assertThat(table.result().rows()).hasSize(2);
        }
        assertThat(string("SELECT count(*) FROM metadata.query_logs WHERE status = 'error' AND error_code = '42P01'"))
                .isEqualTo("1");
    }

    @Test
    void whenEverySlotIsBusyTheNextStatementIsTurnedAway() {
        try (QueryGateway gateway = gateway(1, Duration.ofMillis(100))) {
            CompletableFuture<QueryOutcome> slow = gateway.execute(QuerySubmission.of("SELECT pg_sleep(1)", ANALYST))
                    .toCompletableFuture();
            sleep(200);
            assertThatThrownBy(() -> run(gateway, "SELECT 1", ANALYST))
                    .isInstanceOfSatisfying(GatewayRejection.class, r -> {
                        assertThat(r.reason()).isEqualTo(GatewayRejection.Reason.SATURATED);
                        assertThat(r.retryAfterSeconds()).isPositive();
                    });
            assertThat(slow.join().result().rows()).hasSize(1);
        }
    }

    @Test
    void tenThousandExecutionsLeaveTenThousandLogRowsRefusalsIncluded() throws Exception {
        int executions = 10_000;
        QueryGateway.Stats stats;
        List<CompletableFuture<Boolean>> all = new java.util.ArrayList<>();
        try (QueryGateway gateway = gateway(8, Duration.ofSeconds(5))) {
            // sent all at once by one caller: admission runs what its share and queue allow and refuses the rest
            for (int i = 0; i < executions; i++) {
                all.add(gateway.execute(QuerySubmission.of(
                                "SELECT id FROM gold.items WHERE id = " + (i % 1000 + 1),
                                new Caller("bulk", Role.ANALYST)))
                        .toCompletableFuture()
                        .handle((outcome, failure) -> failure == null));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            gateway.close();
            stats = gateway.stats();
        }
        long refused = all.stream().filter(ran -> !ran.join()).count();
        assertThat(refused).isPositive().isLessThan(executions);
        assertThat(stats.log().lost()).isZero();
        assertThat(stats.log().quarantined()).isZero();
        assertThat(string("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'bulk'"))
                .isEqualTo(Integer.toString(executions));
        assertThat(string("SELECT count(*) FROM metadata.query_logs WHERE user_id = 'bulk' AND status = 'rejected'"))
                .isEqualTo(Long.toString(refused));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String string(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
