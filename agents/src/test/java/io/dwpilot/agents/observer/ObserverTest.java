package io.dwpilot.agents.observer;

import static io.dwpilot.agents.observer.Executions.ok;
import static io.dwpilot.agents.observer.Executions.outcome;
import static io.dwpilot.persistence.query.ExecutionStatus.ERROR;
import static io.dwpilot.persistence.query.ExecutionStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.gateway.GatewayAssembly;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The observer on a real warehouse and gateway, every message through Jackson (serialize-messages on). */
class ObserverTest {
    private static final Instant SIM = Instant.parse("2025-03-10T10:00:00Z");
    private static final Duration NEVER = Duration.ofHours(1);
    private static final Config CONFIG =
            ConfigFactory.parseString("pekko.actor.serialize-messages = on").withFallback(ConfigFactory.load());
    private static final ActorTestKit KIT = ActorTestKit.create("observer-test", CONFIG);

    private static Database database;
    private static ExecutorService blocking;
    private static QueryGateway gateway;
    private static ActorRef<Topic.Command<WorkloadSnapshot>> topic;

    @BeforeAll
    static void open() {
        database = TestPostgres.newWarehouse("observer");
        blocking = Executors.newFixedThreadPool(4);
        gateway = GatewayAssembly.create(
                AgentTestBed.GATEWAY, database.sessions(), database.systemPool(), blocking, Clock.systemUTC());
        topic = KIT.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC));
    }

    @AfterAll
    static void close() {
        KIT.shutdownTestKit();
        gateway.close();
        blocking.shutdownNow();
        database.close();
    }

    private static WorkloadClock clock() {
        return new WorkloadClock(Clock.fixed(Executions.WALL, ZoneOffset.UTC));
    }

    /** A clock the simulated workload has moved to {@code t}, as the agent society moves it on the query path. */
    private static WorkloadClock clockAt(Instant t) {
        WorkloadClock clock = clock();
        clock.observe(t);
        return clock;
    }

    private static AgentEnvironment env(Database db, WorkloadClock clock, Executor executor) {
        return new AgentEnvironment(CONFIG, db, gateway, clock, executor, topic);
    }

    private static Observer.Settings settings(Duration sampleInterval, Duration publishInterval) {
        return new Observer.Settings(sampleInterval, publishInterval, 20, 100, 50, 500);
    }

    private static ActorRef<Observer.Command> spawn(Behavior<Observer.Command> behavior) {
        return KIT.spawn(behavior);
    }

    private static <T> T ask(
            ActorRef<Observer.Command> observer, Class<T> type, Function<ActorRef<T>, Observer.Command> question) {
        TestProbe<T> probe = KIT.createTestProbe(type);
        observer.tell(question.apply(probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    private static AgentStatus status(ActorRef<Observer.Command> observer) {
        return ask(observer, AgentStatus.class, Observer.GetStatus::new);
    }

    private static long samplesAt(Instant simulatedAt) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM metadata.system_metrics WHERE simulated_at = ?")) {
            ps.setTimestamp(1, Timestamp.from(simulatedAt));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void settingsComeFromTheConfigurationWithTheirDefaults() {
        Observer.Settings settings =
                Observer.Settings.fromConfig(ConfigFactory.load().getConfig("dwpilot.agents.observer"));
        assertThat(settings)
                .isEqualTo(new Observer.Settings(Duration.ofSeconds(5), Duration.ofSeconds(1), 20, 1000, 200, 5000));
        ActorRef<Observer.Command> observer = spawn(Observer.create(env(database, clock(), blocking)));
        assertThat(status(observer).agent()).isEqualTo(Observer.NAME);
        KIT.stop(observer);
    }

    @Test
    void scriptedExecutionsGiveExactNumbers() {
        WorkloadClock clock = clock();
        ActorRef<Observer.Command> observer =
                spawn(Observer.create(env(database, clock, blocking), settings(NEVER, NEVER)));
        for (var event : List.of(
                ok("a", SIM.plusSeconds(10), 10, 1),
                ok("a", SIM.plusSeconds(70), 20, 2),
                ok("a", SIM.plusSeconds(130), 30, 3),
                ok("b", SIM.plusSeconds(240), 40, 4),
                outcome("b", ERROR, SIM.plusSeconds(250)),
                outcome("b", REJECTED, SIM.plusSeconds(260)),
                ok("c", SIM.minus(Duration.ofMinutes(30)), 1000, 9),
                ok("old", SIM.minus(Duration.ofDays(2)), 1, 1),
                Executions.wallOk("wall", Executions.WALL))) { // wall time while the workload is simulated
            event.simulatedAt().ifPresent(clock::observe); // as the agent society does on the query path
            observer.tell(new Observer.Observe(event));
        }

        WorkloadSnapshot snapshot = ask(observer, WorkloadSnapshot.class, Observer.GetSnapshot::new);
        assertThat(snapshot.at()).isEqualTo(SIM.plusSeconds(260));
        assertThat(snapshot.arrivalsLastMinute()).isEqualTo(3);
        assertThat(snapshot.arrivalsLast5Minutes()).isEqualTo(6);
        assertThat(snapshot.failedLast5Minutes()).isEqualTo(1);
        assertThat(snapshot.rejectedLast5Minutes()).isEqualTo(1);
        assertThat(snapshot.p50Ms()).isEqualTo(20);
        assertThat(snapshot.p95Ms()).isEqualTo(40);
        assertThat(snapshot.running()).isZero();
        assertThat(snapshot.busiest())
                .containsExactly(
                        new WorkloadSnapshot.FingerprintLoad("a", "select", 3, 3, 0, 20, 30, 2, List.of("gold.a")),
                        new WorkloadSnapshot.FingerprintLoad("b", "select", 3, 2, 1, 40, 40, 4, List.of("gold.b")));

        Observer.FingerprintReply c =
                ask(observer, Observer.FingerprintReply.class, replyTo -> new Observer.GetFingerprint("c", replyTo));
        assertThat(c.view()).hasValueSatisfying(view -> {
            assertThat(view.columns()).containsExactly("gold.c.id", "gold.c.day");
            assertThat(view.load().recentLatency()).isEqualTo(new LatencySummary(1, 1000, 1000, 1000, 9));
            assertThat(view.load().arrivalsLast5Minutes()).isZero();
        });
        assertThat(ask(
                                observer,
                                Observer.FingerprintReply.class,
                                replyTo -> new Observer.GetFingerprint("old", replyTo))
                        .view())
                .isEmpty();

        Observer.LoadView totals = ask(observer, Observer.LoadView.class, Observer.GetTotals::new);
        assertThat(List.of(totals.ok(), totals.errors(), totals.timeouts(), totals.rejected()))
                .containsExactly(5L, 1L, 0L, 1L);

        AgentStatus status = status(observer);
        assertThat(status.state()).isEqualTo("watching 3 fingerprints");
        assertThat(status.counters())
                .containsEntry("observed", 7L)
                .containsEntry("ignored", 2L)
                .containsEntry("evicted", 0L)
                .containsEntry("snapshots_published", 0L);
        KIT.stop(observer);
    }

    @Test
    void publishesSnapshotsOnTheWorkloadTopic() {
        TestProbe<WorkloadSnapshot> subscriber = KIT.createTestProbe(WorkloadSnapshot.class);
        topic.tell(Topic.subscribe(subscriber.getRef()));
        ActorRef<Observer.Command> observer =
                spawn(Observer.create(env(database, clockAt(SIM), blocking), settings(NEVER, Duration.ofMillis(100))));
        observer.tell(new Observer.Observe(ok("t", SIM, 12, 3)));

        WorkloadSnapshot published = subscriber
                .fishForMessage(
                        Duration.ofSeconds(10),
                        s -> s.arrivalsLast5Minutes() == 1
                                ? FishingOutcomes.complete()
                                : FishingOutcomes.continueAndIgnore())
                .get(0);
        assertThat(published.at()).isEqualTo(SIM);
        assertThat(published.busiest())
                .extracting(WorkloadSnapshot.FingerprintLoad::fingerprint)
                .containsExactly("t");
        assertThat(status(observer).counters().get("snapshots_published")).isPositive();
        topic.tell(Topic.unsubscribe(subscriber.getRef()));
        KIT.stop(observer);
    }

    @Test
    void samplesSystemMetricsWithTheSimulatedTime() {
        Instant simulated = Instant.parse("2025-06-01T08:00:00Z");
        WorkloadClock clock = clock();
        clock.observe(simulated);
        ActorRef<Observer.Command> observer =
                spawn(Observer.create(env(database, clock, blocking), settings(Duration.ofMillis(100), NEVER)));

        TestProbe<Void> waiting = KIT.createTestProbe();
        waiting.awaitAssert(Duration.ofSeconds(15), () -> {
            assertThat(samplesAt(simulated)).isGreaterThanOrEqualTo(3);
            return null;
        });
        AgentStatus status = status(observer);
        assertThat(status.counters().get("samples_saved")).isGreaterThanOrEqualTo(3);
        assertThat(status.counters().get("sample_failures")).isZero();
        WorkloadSnapshot snapshot = ask(observer, WorkloadSnapshot.class, Observer.GetSnapshot::new);
        assertThat(snapshot.system()).hasValueSatisfying(sample -> {
            assertThat(sample.simulatedAt()).contains(simulated);
            assertThat(sample.queryPoolSize()).isEqualTo(database.sessions().maximumPoolSize());
            assertThat(sample.connections()).isPositive();
        });
        KIT.stop(observer);
    }

    @Test
    void samplingSurvivesADatabaseThatIsAway() {
        Database away = Database.open(TestPostgres.newDatabase("observer_away"));
        away.close();
        ActorRef<Observer.Command> observer =
                spawn(Observer.create(env(away, clockAt(SIM), blocking), settings(Duration.ofMillis(50), NEVER)));
        observer.tell(new Observer.Observe(ok("t", SIM, 12, 3)));

        TestProbe<Void> waiting = KIT.createTestProbe();
        waiting.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(status(observer).counters().get("sample_failures")).isGreaterThanOrEqualTo(3);
            return null;
        });
        AgentStatus status = status(observer);
        assertThat(status.state()).isEqualTo("watching 1 fingerprints; metrics sampling failing");
        assertThat(status.counters()).containsEntry("samples_saved", 0L).containsEntry("observed", 1L);
        WorkloadSnapshot snapshot = ask(observer, WorkloadSnapshot.class, Observer.GetSnapshot::new);
        assertThat(snapshot.arrivalsLast5Minutes()).isEqualTo(1);
        assertThat(snapshot.system()).isEmpty();
        KIT.stop(observer);
    }

    @Test
    void aFailureStreakIsLoggedOnceAndSamplingResumesWhenTheDatabaseIsBack() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(Observer.class);
        logger.addAppender(log);
        execute("ALTER TABLE metadata.system_metrics RENAME TO system_metrics_away");
        ActorRef<Observer.Command> observer =
                spawn(Observer.create(env(database, clock(), blocking), settings(Duration.ofMillis(50), NEVER)));
        TestProbe<Void> waiting = KIT.createTestProbe();
        try {
            waiting.awaitAssert(Duration.ofSeconds(10), () -> {
                assertThat(status(observer).counters().get("sample_failures")).isGreaterThanOrEqualTo(3);
                return null;
            });
        } finally {
            execute("ALTER TABLE metadata.system_metrics_away RENAME TO system_metrics");
        }
        waiting.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(status(observer).counters().get("samples_saved")).isGreaterThanOrEqualTo(1);
            return null;
        });
        assertThat(status(observer).state()).isEqualTo("watching 0 fingerprints");
        KIT.stop(observer);
        logger.detachAppender(log);

        assertThat(log.list)
                .filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("system_metrics"));
        assertThat(log.list)
                .filteredOn(e -> e.getLevel() == Level.INFO)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("works again"));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aSlowSampleIsNeverStackedWithTheNext() throws Exception {
        ExecutorService gated = Executors.newSingleThreadExecutor();
        CountDownLatch gate = new CountDownLatch(1);
        gated.execute(() -> {
            try {
                gate.await(); // holds the only thread: the first sample waits behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ActorRef<Observer.Command> observer =
                spawn(Observer.create(env(database, clock(), gated), settings(Duration.ofMillis(50), NEVER)));
        TestProbe<Void> waiting = KIT.createTestProbe();
        waiting.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(status(observer).counters().get("samples_skipped")).isGreaterThanOrEqualTo(3);
            return null;
        });
        assertThat(status(observer).counters()).containsEntry("samples_saved", 0L);

        gate.countDown();
        waiting.awaitAssert(Duration.ofSeconds(10), () -> {
            assertThat(status(observer).counters().get("samples_saved")).isGreaterThanOrEqualTo(2);
            return null;
        });
        KIT.stop(observer);
        gated.shutdownNow();
    }
}
