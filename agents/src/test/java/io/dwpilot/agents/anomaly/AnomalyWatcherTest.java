package io.dwpilot.agents.anomaly;

import static io.dwpilot.persistence.query.ExecutionStatus.ERROR;
import static io.dwpilot.persistence.query.ExecutionStatus.OK;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.anomaly.AnomalyWatcher.AnomalyDetected;
import io.dwpilot.agents.anomaly.AnomalyWatcher.Command;
import io.dwpilot.agents.anomaly.AnomalyWatcher.GetRecent;
import io.dwpilot.agents.anomaly.AnomalyWatcher.GetStatus;
import io.dwpilot.agents.anomaly.AnomalyWatcher.Observe;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.gateway.Role;
import io.dwpilot.models.anomaly.Severity;
import io.dwpilot.persistence.metrics.SystemSample;
import io.dwpilot.persistence.query.ExecutionStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher on scripted executions and snapshots, with anomalies written to a real warehouse and events to the
 * in-memory journal (serialized, so the JSON round trip is checked). Workload time is simulated and advanced by
 * the executions themselves.
 */
class AnomalyWatcherTest {
    private static final Instant T0 = Instant.parse("2026-02-02T09:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PID = AnomalyWatcher.PERSISTENCE_ID.id();
    private static final ActorTestKit KIT = ActorTestKit.create("anomaly-watcher-test", AgentTestBed.inMemoryJournal());
    private static final AnomalyWatcherSettings SETTINGS =
            AnomalyWatcherSettings.fromConfig(ConfigFactory.load().getConfig("dwpilot.agents.anomaly-watcher"));

    private static AgentTestBed bed;
    private static ActorRef<Topic.Command<WorkloadSnapshot>> topic;
    private static PersistenceTestKit journal;

    private final AtomicLong queryIds = new AtomicLong(1000);
    private WorkloadClock clock;
    private ActorRef<Command> watcher;

    @BeforeAll
    static void open() {
        bed = AgentTestBed.open("anomaly_watcher");
        topic = KIT.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC));
        journal = PersistenceTestKit.create(KIT.system());
    }

    @AfterAll
    static void close() {
        KIT.shutdownTestKit();
        bed.close();
    }

    @BeforeEach
    void fresh() throws SQLException {
        journal.clearAll();
        sql("TRUNCATE metadata.anomalies, metadata.query_logs CASCADE");
        clock = new WorkloadClock(Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stopWatcher() {
        if (watcher != null) {
            KIT.stop(watcher);
            watcher = null;
        }
    }

    @Test
    void aSlowExecutionIsFlaggedOnceAndAStormInTheCooldownStaysOneAnomaly() throws SQLException {
        start();
        Instant t = normalRun("fp-orders", 100, T0);
        observe("fp-orders", OK, 220, t);
        AnomalyDetected first = awaitEvents(1).get(0);
        assertThat(first.anomalyKind()).isEqualTo("slow_query");
        assertThat(first.severity()).isEqualTo(Severity.HIGH);
        assertThat(first.fingerprint()).contains("fp-orders");
        assertThat(first.observed()).isEqualTo(220.0);
        assertThat(first.expected().orElseThrow()).isBetween(10.0, 12.0);
        assertThat(first.at()).isEqualTo(t);
        assertThat(first.summary()).startsWith("slow_query (high").contains("220.0 ms");
        assertThat(row("SELECT kind || ' ' || severity || ' ' || fingerprint || ' ' || query_id || ' ' || detector"
                        + " || ' ' || (simulated_at = detected_at) FROM metadata.anomalies WHERE anomaly_id = "
                        + first.anomalyId()))
                .isEqualTo("slow_query high fp-orders " + first.queryId().orElseThrow() + " robust_latency_norm true");

        for (int i = 1; i <= 50; i++) {
            observe("fp-orders", OK, 230, t.plusSeconds(i));
        }
        AgentStatus status = status();
        awaitEvents(1);
        assertThat(count("SELECT count(*) FROM metadata.anomalies")).isEqualTo(1);
        // the first storm executions are findings held back by the cooldown; once the storm fills the norm's tail,
        // its executions are no longer slower than what the fingerprint does
        assertThat(status.counters()).containsEntry("slow_query", 1L).containsEntry("executions", 151L);
        assertThat(status.counters().get("suppressed")).isBetween(1L, 49L);
        assertThat(status.lastDecision()).contains(first.summary());

        // past the cooldown the same fingerprint alerts again, when slower than the storm it has now seen
        observe("fp-orders", OK, 600, t.plus(SETTINGS.cooldown()).plusSeconds(60));
        assertThat(awaitEvents(2).get(1).anomalyKind()).isEqualTo("slow_query");
        assertThat(count("SELECT count(*) FROM metadata.anomalies")).isEqualTo(2);
    }

    @Test
    void newShapesAreFlaggedAfterTheWarmUpOnlyAndLoggedShapesAreKnown() throws SQLException {
        sql("INSERT INTO metadata.query_logs (query_text, fingerprint, user_id, user_role, status)"
                + " VALUES ('SELECT 1', 'fp-logged', 'u', 'analyst', 'ok')");
        start();
        awaitStatus(status -> !status.state().startsWith("loading"));
        observe("fp-early", OK, 10, T0);
        // 200 executions over 66 minutes of workload time
        Instant t = T0;
        for (int i = 0; i < 200; i++) {
            t = T0.plusSeconds(20L * i);
            observe("fp-base", OK, 10 + i % 3, t);
        }
        assertThat(status().state()).isEqualTo("watching");
        observe("fp-logged", OK, 10, t.plusSeconds(1));
        observe("fp-early", OK, 10, t.plusSeconds(2));
        observe("fp-failing-new", ERROR, 1, t.plusSeconds(3));
        observe("fp-brand-new", OK, 21, t.plusSeconds(4)); // under 3x the workload's norm: new, not slow
        observe("fp-brand-new", OK, 21, t.plusSeconds(5));
        status();
        AnomalyDetected shape = awaitEvents(1).get(0);
        assertThat(shape.anomalyKind()).isEqualTo("new_shape");
        assertThat(shape.fingerprint()).contains("fp-brand-new");
        assertThat(shape.severity()).isEqualTo(Severity.LOW);
        assertThat(row("SELECT string_agg(kind || ' ' || fingerprint, ',') FROM metadata.anomalies"))
                .isEqualTo("new_shape fp-brand-new");
    }

    @Test
    void aYoungShapeFarSlowerThanTheWholeWorkloadIsSlowBeforeItHasANormOfItsOwn() throws SQLException {
        start();
        awaitStatus(status -> !status.state().startsWith("loading"));
        Instant t = T0;
        for (int i = 0; i < 200; i++) {
            t = T0.plusSeconds(20L * i);
            observe("fp-base", OK, 10 + i % 3, t);
        }
        assertThat(status().state()).isEqualTo("watching");
        observe("fp-cross-join", OK, 2_000, t.plusSeconds(1));
        List<AnomalyDetected> found = awaitEvents(2);
        assertThat(found).extracting(AnomalyDetected::anomalyKind).containsExactlyInAnyOrder("slow_query", "new_shape");
        AnomalyDetected slow = found.stream()
                .filter(e -> e.anomalyKind().equals("slow_query"))
                .findFirst()
                .orElseThrow();
        assertThat(slow.fingerprint()).contains("fp-cross-join");
        assertThat(slow.expected().orElseThrow()).isBetween(10.0, 12.0); // the workload's median
        assertThat(slow.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void eightFailuresInThirtySecondsAreOneFailureBurst() throws SQLException {
        start();
        normalRun("fp-ok", 30, T0.minusSeconds(600));
        for (int i = 0; i < 8; i++) {
            observe("fp-bad-" + i % 3, i % 2 == 0 ? ERROR : ExecutionStatus.TIMEOUT, 5, T0.plusMillis(3750L * i));
        }
        status();
        AnomalyDetected burst = awaitEvents(1).get(0);
        assertThat(burst.anomalyKind()).isEqualTo("failure_burst");
        assertThat(burst.observed()).isEqualTo(6.0); // fired by the sixth failure, more than 5
        assertThat(burst.severity()).isEqualTo(Severity.HIGH); // 6 in 18.75 s: far above 5 per 10 minutes
        assertThat(burst.fingerprint()).isEmpty();
        assertThat(count("SELECT count(*) FROM metadata.anomalies WHERE kind = 'failure_burst'"))
                .isEqualTo(1);
    }

    @Test
    void aJumpOfCpuAndActiveQueriesInTheSnapshotsIsOneMetricSpikeIncidentAndJitterIsNot() throws SQLException {
        start();
        awaitSubscribed();
        Instant t = T0;
        for (int i = 0; i < 30; i++) {
            t = T0.plusSeconds(5L * i);
            publish(sample(t, 0.30 + (i % 5) * 0.01, 2 + i % 2, 11 + i % 3));
            publish(sample(t, 0.30 + (i % 5) * 0.01, 2 + i % 2, 11 + i % 3)); // the same sample again
        }
        awaitStatus(status -> status.counters().get("samples") == 30L);
        assertThat(eventsAfterAPause()).isEmpty();

        Instant spikeAt = t.plusSeconds(5);
        observe("fp-clock", OK, 5, spikeAt); // moves the workload clock
        publish(sample(spikeAt, 0.97, 30, 12));
        publish(sample(spikeAt, 0.97, 30, 12));
        awaitStatus(status -> status.counters().get("samples") == 31L);
        // both metrics jump at once: one incident, the other finding counted as suppressed
        List<AnomalyDetected> spikes = awaitEvents(1);
        assertThat(spikes).extracting(AnomalyDetected::anomalyKind).containsOnly("metric_spike");
        assertThat(spikes.get(0).metric()).hasValueSatisfying(m -> assertThat(m).isIn("cpu_usage", "active_queries"));
        assertThat(spikes.get(0).at()).isEqualTo(spikeAt);
        awaitStatus(status -> status.counters().get("suppressed") == 1L);
        assertThat(eventsAfterAPause()).hasSize(1);
        assertThat(row("SELECT count(*)::text FROM metadata.anomalies")).isEqualTo("1");
    }

    @Test
    void aRestartInsideTheCooldownDoesNotAlertAgain() {
        start();
        Instant t = normalRun("fp-report", 60, T0);
        observe("fp-report", OK, 500, t);
        AnomalyDetected first = awaitEvents(1).get(0);

        KIT.stop(watcher);
        start();
        AgentStatus recovered = status();
        assertThat(recovered.counters()).containsEntry("slow_query", 1L).containsEntry("executions", 0L);
        assertThat(recovered.lastDecisionAt()).contains(first.at());
        assertThat(recent(5)).containsExactly(first);

        // the norm rebuilds from new traffic; the cooldown came back from the journal
        Instant later = normalRun("fp-report", 60, t.plusSeconds(1));
        observe("fp-report", OK, 500, later);
        assertThat(status().counters()).containsEntry("suppressed", 1L).containsEntry("slow_query", 1L);
        assertThat(eventsAfterAPause()).containsExactly(first);
    }

    @Test
    void aFailedInsertJournalsNothingAndTheNextFindingRetries() throws SQLException {
        start();
        Instant t = normalRun("fp-retry", 60, T0);
        sql("ALTER TABLE metadata.anomalies RENAME TO anomalies_away");
        try {
            observe("fp-retry", OK, 300, t);
            status();
            assertThat(eventsAfterAPause()).isEmpty();
        } finally {
            sql("ALTER TABLE metadata.anomalies_away RENAME TO anomalies");
        }
        observe("fp-retry", OK, 320, t.plusSeconds(1)); // slower than the 300 ms the norm now holds
        assertThat(awaitEvents(1).get(0).anomalyKind()).isEqualTo("slow_query");
        assertThat(status().counters()).containsEntry("slow_query", 1L);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void start() {
        watcher = KIT.spawn(AnomalyWatcher.create(bed.environment(clock, topic), SETTINGS));
    }

    /** {@code n} ok executions of 10..12 ms, one per second from {@code from}; answers the next second. */
    private Instant normalRun(String fingerprint, int n, Instant from) {
        for (int i = 0; i < n; i++) {
            observe(fingerprint, OK, 10 + i % 3, from.plusSeconds(i));
        }
        return from.plusSeconds(n);
    }

    /** One execution at workload time {@code at}; the clock moves first, as the agent society does. */
    private void observe(String fingerprint, ExecutionStatus status, double millis, Instant at) {
        clock.observe(at);
        watcher.tell(new Observe(new QueryExecuted(
                queryIds.incrementAndGet(),
                fingerprint,
                "select",
                List.of("gold.sales_summary"),
                List.of(),
                new Caller("tester", Role.ANALYST),
                status,
                millis,
                1,
                Instant.now(),
                Optional.of(at))));
    }

    private static SystemSample sample(Instant at, double cpu, int active, int connections) {
        return new SystemSample(
                at, cpu, 0.5, 110.0, 0.0, 0.0, connections, active, 0.99, 50.0, 0, 8, 0, Optional.of(at));
    }

    private static void publish(SystemSample sample) {
        topic.tell(Topic.publish(
                new WorkloadSnapshot(sample.sampledAt(), 10, 50, 0, 0, 10, 20, 1, List.of(), Optional.of(sample))));
    }

    private static void awaitSubscribed() {
        TestProbe<Topic.TopicStats> probe = KIT.createTestProbe();
        probe.awaitAssert(TIMEOUT, () -> {
            topic.tell(Topic.getTopicStats(probe.getRef()));
            assertThat(probe.receiveMessage().localSubscriberCount()).isEqualTo(1);
            return null;
        });
    }

    private AgentStatus status() {
        TestProbe<AgentStatus> probe = KIT.createTestProbe();
        watcher.tell(new GetStatus(probe.getRef()));
        AgentStatus status = probe.receiveMessage(TIMEOUT);
        assertThat(status.agent()).isEqualTo(AnomalyWatcher.NAME);
        return status;
    }

    /** Asks for the status until it satisfies {@code ready} (messages through the topic arrive a hop later). */
    private AgentStatus awaitStatus(Predicate<AgentStatus> ready) {
        TestProbe<Object> probe = KIT.createTestProbe();
        return probe.awaitAssert(TIMEOUT, () -> {
            AgentStatus status = status();
            assertThat(status).matches(ready);
            return status;
        });
    }

    private List<AnomalyDetected> recent(int limit) {
        TestProbe<List<AnomalyDetected>> probe = KIT.createTestProbe();
        watcher.tell(new GetRecent(limit, probe.getRef()));
        return probe.receiveMessage(TIMEOUT);
    }

    /** Waits until {@code n} events are journaled, then checks that no more follow shortly. */
    private List<AnomalyDetected> awaitEvents(int n) {
        TestProbe<Object> probe = KIT.createTestProbe();
        probe.awaitAssert(TIMEOUT, () -> {
            assertThat(events()).hasSizeGreaterThanOrEqualTo(n);
            return null;
        });
        sleep(200);
        assertThat(events()).hasSize(n);
        return events();
    }

    /** The journaled events once whatever is in flight (a row being written) had time to land. */
    private static List<AnomalyDetected> eventsAfterAPause() {
        sleep(500);
        return events();
    }

    private static List<AnomalyDetected> events() {
        List<AnomalyDetected> out = new ArrayList<>();
        for (Object event : journal.persistedInStorage(PID)) {
            out.add((AnomalyDetected) event);
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = bed.database().systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String row(String query) throws SQLException {
        try (Connection c = bed.database().systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).as("a row for " + query).isTrue();
            return rs.getString(1);
        }
    }

    private static long count(String query) throws SQLException {
        return Long.parseLong(row(query));
    }
}
