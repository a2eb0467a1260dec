package io.dwpilot.agents.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.indexer.Indexer.Apply;
import io.dwpilot.agents.indexer.Indexer.Command;
import io.dwpilot.agents.indexer.Indexer.GetState;
import io.dwpilot.agents.indexer.IndexerState.Phase;
import io.dwpilot.agents.indexer.IndexerState.Tracked;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QuerySubmission;
import io.dwpilot.gateway.Role;
import io.dwpilot.models.verify.VerificationSettings;
import io.dwpilot.persistence.indexing.OptimizationRecord;
import io.dwpilot.persistence.indexing.OptimizationRepository;
import io.dwpilot.persistence.indexing.OptimizationStatus;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer on a real PostgreSQL with a real workload run through the gateway: it finds the missing index,
 * builds it concurrently, verifies it on the executions that follow, and keeps or reverts it; it never drops an
 * index it did not build. The journal is the in-memory one.
 */
class IndexerTest {
    private static final Caller ANALYST = new Caller("ana", Role.ANALYST);
    private static final long BUDGET = 64L << 20;
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("indexer-test", AgentTestBed.inMemoryJournal());
    private static AgentTestBed bed;
    private static ActorRef<Topic.Command<WorkloadSnapshot>> topic;

    private final PersistenceTestKit journal = PersistenceTestKit.create(TEST_KIT.system());
    private ActorRef<Command> indexer;

    @BeforeAll
    static void open() throws SQLException {
        bed = AgentTestBed.open("indexer");
        topic = TEST_KIT.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC));
        execute(
                "CREATE SCHEMA shop",
                """
                CREATE TABLE shop.orders AS
                SELECT g AS id, g % 20000 AS customer_id, g % 3 AS status, md5(g::text) AS note
                FROM generate_series(1, 200000) g""",
                "ALTER TABLE shop.orders ADD PRIMARY KEY (id)",
                "VACUUM ANALYZE shop.orders");
        TestPostgres.grantToUsers(bed.database(), "shop");
    }

    @AfterAll
    static void close() {
        TEST_KIT.shutdownTestKit();
        bed.close();
    }

    @BeforeEach
    void fresh() throws SQLException {
        journal.clearAll();
        execute("DELETE FROM metadata.query_logs", "DELETE FROM metadata.optimization_history");
        for (String index : indexNames(name -> name.startsWith(IndexRecommendation.NAME_PREFIX))) {
            execute("DROP INDEX shop." + index);
        }
    }

    @AfterEach
    void stop() {
        if (indexer != null) {
            TEST_KIT.stop(indexer);
            indexer = null;
        }
    }

    private static IndexerSettings settings(
            Mode mode, Duration buildTimeout, Duration verifyDeadline, Duration interval, Duration unusedAfter) {
        return IndexerSettings.defaults()
                .withMode(mode)
                .withSchedule(Duration.ofMillis(100), interval, Duration.ofHours(1))
                .withStatements(50, 5)
                .withBudget(StorageBudget.ofBytes(BUDGET), 5)
                .withBuild(Duration.ofHours(1), buildTimeout)
                .withVerification(
                        VerificationSettings.defaults().withMinimumSamples(10),
                        Duration.ofHours(1),
                        Duration.ofMillis(500),
                        verifyDeadline)
                .withUnusedAfter(unusedAfter);
    }

    private static IndexerSettings automatic() {
        return settings(
                Mode.AUTOMATIC, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(7));
    }

    private ActorRef<Command> spawn(IndexerSettings settings) {
        indexer = TEST_KIT.spawn(Indexer.create(bed.environment(WorkloadClock.system(), topic), settings));
        return indexer;
    }

    /** Runs customer lookups through the gateway and waits until the query log has them all. */
    private static void lookups(int count, int offset) throws Exception {
        long before = loggedLookups();
        for (int i = 0; i < count; i++) {
            bed.gateway()
                    .execute(QuerySubmission.of(
                            "SELECT * FROM shop.orders WHERE customer_id = " + (offset + i * 37) % 20000, ANALYST))
                    .toCompletableFuture()
                    .join();
        }
        await(() -> loggedLookups() >= before + count, "the query log to hold the lookups");
    }

    private static long loggedLookups() throws SQLException {
        try (Connection c = bed.database().systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM metadata.query_logs WHERE status = 'ok'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private IndexerState state() {
        TestProbe<IndexerState> probe = TEST_KIT.createTestProbe();
        indexer.tell(new GetState(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    private Tracked awaitPhase(Phase phase) throws Exception {
        List<Tracked> found = new ArrayList<>();
        await(
                () -> {
                    found.clear();
                    found.addAll(state().inPhase(phase));
                    return !found.isEmpty();
                },
                "an index " + phase);
        return found.get(0);
    }

    private StatusReply<String> ask(java.util.function.Function<ActorRef<StatusReply<String>>, Command> command) {
        TestProbe<StatusReply<String>> probe = TEST_KIT.createTestProbe();
        indexer.tell(command.apply(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(60));
    }

    private StatusReply<String> analyze() throws Exception {
        List<StatusReply<String>> reply = new ArrayList<>();
        // the indexer may be busy with its first tick's work
        await(
                () -> {
                    reply.clear();
                    reply.add(ask(Indexer.AnalyzeNow::new));
                    return reply.get(0).isSuccess();
                },
                "an analysis");
        return reply.get(0);
    }

    @Test
    void aMissingIndexOnASelectivePredicateIsFoundCreatedVerifiedAndKept() throws Exception {
        lookups(40, 1);
        spawn(automatic());

        Tracked verifying = awaitPhase(Phase.VERIFYING);
        assertThat(verifying.recommendation().keyColumns())
                .extracting(k -> k.name())
                .containsExactly("customer_id");
        assertThat(indexNames(verifying.recommendation().indexName()::equals)).hasSize(1);
        lookups(40, 5);
        Tracked kept = awaitPhase(Phase.KEPT);

        assertThat(kept.id()).isEqualTo(verifying.id());
        assertThat(indexNames(kept.recommendation().indexName()::equals)).hasSize(1);
        assertThat(kept.realBytes()).isPositive().isLessThanOrEqualTo(BUDGET);
        OptimizationRecord row = history(kept.id());
        assertThat(row.status()).isEqualTo(OptimizationStatus.KEPT);
        assertThat(row.performanceGain().orElseThrow()).isGreaterThan(0.5);
        assertThat(row.pValue().orElseThrow()).isLessThan(0.05);
        assertThat(row.appliedAt()).isPresent();
        assertThat(row.verifiedAt()).isPresent();
        assertThat(journal.persistedInStorage("Indexer|indexer"))
                .extracting(e -> ((Indexer.Event) e).kind().id())
                .containsSubsequence(
                        "indexes_analyzed",
                        "index_recommended",
                        "index_build_scheduled",
                        "index_created",
                        "index_kept");
    }

    @Test
    void anIndexThatDoesNotMakeTheQueriesFasterIsReverted() throws Exception {
        lookups(40, 1);
        spawn(settings(
                Mode.RECOMMEND_ONLY,
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofDays(7)));
        analyze();
        Tracked recommended = awaitPhase(Phase.RECOMMENDED);
        assertThat(indexNames(recommended.recommendation().indexName()::equals)).isEmpty();

        assertThat(ask(replyTo -> new Apply(recommended.id(), "test", replyTo)).isSuccess())
                .isTrue();
        Tracked verifying = awaitPhase(Phase.VERIFYING);
        // the executions after the build are as slow as before: logged as such, the index not used
        copyLatenciesAfter(
                verifying.recommendation().fingerprints().get(0),
                verifying.builtAt().orElseThrow());
        Tracked reverted = awaitPhase(Phase.REVERTED);

        assertThat(indexNames(reverted.recommendation().indexName()::equals)).isEmpty();
        OptimizationRecord row = history(reverted.id());
        assertThat(row.status()).isEqualTo(OptimizationStatus.REVERTED);
        assertThat(row.droppedAt()).isPresent();
        assertThat(row.performanceGain().orElseThrow()).isLessThan(0.1);
    }

    @Test
    void aFailedConcurrentBuildLeavesNoInvalidIndex() throws Exception {
        lookups(40, 1);
        spawn(settings(
                Mode.RECOMMEND_ONLY,
                Duration.ofMillis(1),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofDays(7)));
        analyze();
        Tracked recommended = awaitPhase(Phase.RECOMMENDED);

        ask(replyTo -> new Apply(recommended.id(), "test", replyTo));
        Tracked failed = awaitPhase(Phase.FAILED);

        assertThat(failed.id()).isEqualTo(recommended.id());
        assertThat(indexNames(name -> name.startsWith(IndexRecommendation.NAME_PREFIX)))
                .isEmpty();
        assertThat(invalidIndexes()).isEmpty();
        assertThat(history(failed.id()).status()).isEqualTo(OptimizationStatus.FAILED);
    }

    @Test
    void aPersonAppliesOrRejectsInRecommendOnlyModeAndUnknownIdsAreRefused() throws Exception {
        lookups(40, 1);
        spawn(settings(
                Mode.RECOMMEND_ONLY,
                Duration.ofMinutes(1),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                Duration.ofDays(7)));
        analyze();
        Tracked recommended = awaitPhase(Phase.RECOMMENDED);

        StatusReply<String> unknown = ask(replyTo -> new Apply(recommended.id() + 1000, "test", replyTo));
        StatusReply<String> rejected = ask(replyTo -> new Indexer.Reject(recommended.id(), "test", "not now", replyTo));
        StatusReply<String> late = ask(replyTo -> new Apply(recommended.id(), "test", replyTo));

        assertThat(unknown.getError().getMessage()).isEqualTo("no index recommendation " + (recommended.id() + 1000));
        assertThat(rejected.isSuccess()).isTrue();
        assertThat(late.getError().getMessage()).contains("is rejected: only a recommended index can be applied");
        assertThat(state().get(recommended.id()).orElseThrow().phase()).isEqualTo(Phase.REJECTED);
        await(() -> history(recommended.id()).status() == OptimizationStatus.REJECTED, "the history to say rejected");
        // a rejected index is not recommended again
        analyze();
        assertThat(state().indexes()).hasSize(1);
        assertThat(indexNames(name -> name.startsWith(IndexRecommendation.NAME_PREFIX)))
                .isEmpty();
    }

    @Test
    void itDropsItsOwnUnusedIndexAndNeverAnIndexItDidNotCreate() throws Exception {
        execute("CREATE INDEX people_status ON shop.orders (status)");
        try {
            execute("CREATE UNIQUE INDEX CONCURRENTLY people_invalid ON shop.orders (status)");
        } catch (SQLException expected) {
            // duplicates: the failed build leaves people_invalid INVALID, which is not the indexer's to drop
        }
        lookups(40, 1);
        spawn(settings(
                Mode.AUTOMATIC,
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)));

        Tracked dropped = awaitPhase(Phase.DROPPED);

        assertThat(indexNames(dropped.recommendation().indexName()::equals)).isEmpty();
        assertThat(indexNames(name -> !name.startsWith(IndexRecommendation.NAME_PREFIX)))
                .contains("orders_pkey", "people_status", "people_invalid");
        assertThat(invalidIndexes()).containsExactly("people_invalid");
        assertThat(history(dropped.id()).status()).isEqualTo(OptimizationStatus.DROPPED);
        execute("DROP INDEX shop.people_status", "DROP INDEX shop.people_invalid");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Logs, after {@code since}, one more execution per earlier one with the same latency. */
    private static void copyLatenciesAfter(String fingerprint, Instant since) throws SQLException {
        try (Connection c = bed.database().systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO metadata.query_logs (query_text, fingerprint, normalized_text, statement_kind, user_id,
                    user_role, status, execution_time_ms, rows_returned, tables_accessed, executed_at)
                SELECT query_text, fingerprint, normalized_text, statement_kind, user_id, user_role, status,
                       execution_time_ms, rows_returned, tables_accessed, ?::timestamptz + interval '1 second'
                FROM metadata.query_logs WHERE fingerprint = ? AND executed_at < ?""")) {
            ps.setObject(1, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            ps.setString(2, fingerprint);
            ps.setObject(3, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            assertThat(ps.executeUpdate()).isGreaterThanOrEqualTo(10);
        }
    }

    private static OptimizationRecord history(long id) throws SQLException {
        return new OptimizationRepository(bed.database().systemPool()).find(id).orElseThrow();
    }

    private static List<String> indexNames(Predicate<String> filter) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = bed.database().systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'shop'")) {
            while (rs.next()) {
                if (filter.test(rs.getString(1))) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private static List<String> invalidIndexes() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = bed.database().systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'shop' AND NOT i.indisvalid")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = bed.database().systemPool().getConnection();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
