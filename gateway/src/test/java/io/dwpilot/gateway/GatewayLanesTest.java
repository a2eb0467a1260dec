package io.dwpilot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two admission lanes, their run-time limits and heavy statements' work_mem, on a real PostgreSQL. */
class GatewayLanesTest {
    private static final Caller ANALYST = new Caller("ana", Role.ANALYST);
    private static final LimitBounds BOUNDS = new LimitBounds(
            new LimitBounds.Range(1, 8),
            new LimitBounds.Range(1, 4),
            new LimitBounds.Range(2, 12),
            new LimitBounds.Range(4, 256));
    private static Database database;
    private static ExecutorService blocking;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("gateway_lanes");
        blocking = Executors.newFixedThreadPool(8);
    }

    @AfterAll
    static void close() {
        blocking.shutdownNow();
        database.close();
    }

    private static QueryGateway gateway(int interactive, int heavy, Duration wait, Duration threshold, int workMemMb) {
        GatewaySettings settings = GatewaySettings.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30))
                .withRowLimits(100, 1000)
                .withLog(10_000, 100, Duration.ofMillis(50))
                .withLanes(interactive, wait, new GatewaySettings.HeavyLane(heavy, wait, workMemMb), threshold)
                .withBounds(BOUNDS);
        QueryGateway gateway = GatewayAssembly.create(
                settings, database.sessions(), database.systemPool(), blocking, Clock.systemUTC());
        gateway.apply(new Limits(interactive, heavy, interactive + heavy, workMemMb));
        return gateway;
    }

    private static QueryOutcome run(QueryGateway gateway, String sql) {
        try {
            return async(gateway, sql).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    private static CompletableFuture<QueryOutcome> async(QueryGateway gateway, String sql) {
        return gateway.execute(QuerySubmission.of(sql, ANALYST)).toCompletableFuture();
    }

    @Test
    void aFingerprintGoesHeavyOnceItsObservedCostPassesTheThreshold() {
        try (QueryGateway gateway = gateway(4, 2, Duration.ofSeconds(1), Duration.ofMillis(100), 0)) {
            assertThat(run(gateway, "SELECT pg_sleep(0.15)").lane()).isEqualTo(Lane.INTERACTIVE);
            assertThat(run(gateway, "SELECT pg_sleep(0.12)").lane()).isEqualTo(Lane.HEAVY);
            assertThat(run(gateway, "SELECT 1").lane()).isEqualTo(Lane.INTERACTIVE);
            assertThat(run(gateway, "SELECT 2").lane()).isEqualTo(Lane.INTERACTIVE);
        }
    }

    @Test
    void aFloodIsRefusedWithinTheWaitWhileAnotherCallerStaysFast() throws Exception {
        Duration wait = Duration.ofMillis(300);
        try (QueryGateway gateway = gateway(4, 1, wait, Duration.ofSeconds(5), 0)) {
            Caller flood = new Caller("flood", Role.ANALYST);
            java.util.List<CompletableFuture<Long>> refusalsAfterMs = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long sent = System.nanoTime();
                refusalsAfterMs.add(gateway.execute(QuerySubmission.of("SELECT pg_sleep(0.5)", flood))
                        .toCompletableFuture()
                        .handle((outcome, failure) -> failure == null ? -1L : (System.nanoTime() - sent) / 1_000_000));
            }
            long slowestOther = 0;
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                run(gateway, "SELECT " + i);
                slowestOther = Math.max(slowestOther, (System.nanoTime() - started) / 1_000_000);
            }
            java.util.List<Long> refused = refusalsAfterMs.stream()
                    .map(CompletableFuture::join)
                    .filter(ms -> ms >= 0)
                    .toList();
            assertThat(refused).hasSizeGreaterThan(150);
            assertThat(refused).allMatch(ms -> ms < wait.toMillis() + 1_000, "refused within the wait");
            assertThat(slowestOther)
                    .as("the flood holds at most 3 of the 4 slots: another caller finds one free")
                    .isLessThan(1_000);
        }
    }

    @Test
    void aSaturatedLaneTurnsStatementsAwayWhileTheOtherStillAdmits() {
        try (QueryGateway gateway = gateway(2, 1, Duration.ofMillis(150), Duration.ofMillis(100), 0)) {
            run(gateway, "SELECT pg_sleep(0.12)"); // now known as heavy
            gateway.takeDemand();
            CompletableFuture<QueryOutcome> slow = async(gateway, "SELECT pg_sleep(1)");
            await(() -> gateway.stats().heavy().running() == 1);
            assertThatThrownBy(() -> run(gateway, "SELECT pg_sleep(0.2)"))
                    .isInstanceOfSatisfying(GatewayRejection.class, r -> {
                        assertThat(r.reason()).isEqualTo(GatewayRejection.Reason.SATURATED);
                        assertThat(r.retryAfterSeconds()).isPositive();
                        assertThat(r.getMessage()).contains("heavy");
                    });
            assertThat(run(gateway, "SELECT 1").lane()).isEqualTo(Lane.INTERACTIVE);
            QueryGateway.Stats stats = gateway.stats();
            assertThat(stats.heavy()).isEqualTo(new QueryGateway.LaneStats("heavy", 1, 0, 1, 1));
            assertThat(stats.interactive().rejected()).isZero();
            GatewayControls.Demand demand = gateway.takeDemand();
            assertThat(demand.heavy()).isEqualTo(new GatewayControls.LaneDemand(2, 1));
            assertThat(demand.interactive().peakConcurrency()).isEqualTo(1);
            assertThat(gateway.takeDemand().heavy()).isEqualTo(new GatewayControls.LaneDemand(1, 0));
            assertThat(slow.join().lane()).isEqualTo(Lane.HEAVY);
        }
    }

    @Test
    void resizingWhileStatementsRunKeepsTheirSlotsAndAdmitsByTheNewLimit() {
        try (QueryGateway gateway = gateway(2, 1, Duration.ofMillis(400), Duration.ofHours(1), 0)) {
            CompletableFuture<QueryOutcome> a = async(gateway, "SELECT pg_sleep(1)");
            CompletableFuture<QueryOutcome> b = async(gateway, "SELECT pg_sleep(1)");
            await(() -> gateway.stats().interactive().running() == 2);

            gateway.apply(new Limits(1, 1, 4, 0));
            assertThat(gateway.stats().interactive()).isEqualTo(new QueryGateway.LaneStats("interactive", 2, 0, 1, 0));
            assertThatThrownBy(() -> run(gateway, "SELECT 1")).isInstanceOf(GatewayRejection.class);
            a.join();
            b.join();
            assertThat(gateway.stats().interactive().running()).isZero();

            CompletableFuture<QueryOutcome> c = async(gateway, "SELECT pg_sleep(1)");
            await(() -> gateway.stats().interactive().running() == 1);
            CompletableFuture<QueryOutcome> waiter = async(gateway, "SELECT 2");
            await(() -> gateway.stats().interactive().waiting() == 1);
            gateway.apply(new Limits(2, 1, 4, 0)); // the waiting statement gets the new slot at once
            assertThat(waiter.join().result().rows()).hasSize(1);
            assertThat(c).isNotDone();
            c.join();
            assertThat(gateway.stats().interactive()).isEqualTo(new QueryGateway.LaneStats("interactive", 0, 0, 2, 1));
        }
    }

    @Test
    void heavyStatementsRunWithTheHeavyLanesWorkMem() {
        String sql = "SELECT current_setting('work_mem') AS work_mem, pg_sleep(0.12)";
        try (QueryGateway gateway = gateway(2, 1, Duration.ofSeconds(1), Duration.ofMillis(100), 64)) {
            QueryOutcome first = run(gateway, sql);
            assertThat(first.lane()).isEqualTo(Lane.INTERACTIVE);
            assertThat(first.result().rows().get(0).get(0)).isNotEqualTo("64MB");
            QueryOutcome heavy = run(gateway, sql);
            assertThat(heavy.lane()).isEqualTo(Lane.HEAVY);
            assertThat(heavy.result().rows().get(0).get(0)).isEqualTo("64MB");

            gateway.apply(new Limits(2, 1, 3, 32));
            assertThat(run(gateway, sql).result().rows().get(0).get(0)).isEqualTo("32MB");
            assertThat(run(gateway, "SELECT current_setting('work_mem')")
                            .result()
                            .rows()
                            .get(0)
                            .get(0))
                    .isNotIn("64MB", "32MB");
        }
    }

    @Test
    void limitsOutsideTheBoundsAreRefusedAndChangeNothing() {
        try (QueryGateway gateway = gateway(2, 1, Duration.ofSeconds(1), Duration.ofMillis(100), 0)) {
            Limits before = gateway.current();
            assertThatThrownBy(() -> gateway.apply(new Limits(9, 1, 12, 0))).hasMessageContaining("interactive");
            assertThatThrownBy(() -> gateway.apply(new Limits(4, 4, 6, 0))).hasMessageContaining("below the lanes'");
            assertThatThrownBy(() -> gateway.apply(new Limits(2, 1, 3, 1024))).hasMessageContaining("work_mem");
            assertThat(gateway.current()).isEqualTo(before);

            gateway.apply(new Limits(6, 3, 10, 16));
            assertThat(gateway.current()).isEqualTo(new Limits(6, 3, 10, 16));
            assertThat(database.sessions().maximumPoolSize()).isEqualTo(10);
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
