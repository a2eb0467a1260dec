package io.dwpilot.agents.forecaster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.forecaster.Forecaster.Command;
import io.dwpilot.agents.forecaster.Forecaster.ForecastNow;
import io.dwpilot.agents.forecaster.Forecaster.ForecastPublished;
import io.dwpilot.agents.forecaster.Forecaster.GetLatest;
import io.dwpilot.agents.forecaster.Forecaster.GetStatus;
import io.dwpilot.agents.forecaster.Forecaster.RoundReport;
import io.dwpilot.agents.forecaster.Forecaster.State;
import io.dwpilot.agents.forecaster.Forecaster.WarmingUp;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.gateway.GatewayAssembly;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.models.eval.ForecastMetrics;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import io.dwpilot.persistence.observations.ForecastRepository;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forecaster on real PostgreSQL with the real JDBC journal: synthetic daily-seasonal arrivals in query_logs,
 * the workload clock moved by hand, the tick fast.
 */
class ForecasterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration BUCKET = ForecasterSettings.BUCKET;
    /** Workload time at start: slot 12:00 (15-minute cadence); settled history ends at 12:00. */
    private static final Instant NOW = Instant.parse("2026-03-10T12:07:00Z");

    private static final Instant SLOT = Instant.parse("2026-03-10T12:00:00Z");
    private static final ForecasterSettings SETTINGS =
            ForecasterSettings.defaults().withTick(Duration.ofMillis(50)).withHistory(Duration.ofDays(8));
    private static final String PID = Forecaster.PERSISTENCE_ID.id();

    private static Database database;
    private static Config config;
    private static ActorTestKit kit;
    private static ExecutorService blocking;
    private static QueryGateway gateway;
    private static ActorRef<Topic.Command<WorkloadSnapshot>> topic;

    private WorkloadClock clock;
    private final List<ActorRef<Command>> spawned = new ArrayList<>();

    @BeforeAll
    static void start() {
        database = TestPostgres.newWarehouse("forecaster");
        config = JournalConfig.overlay(database).withFallback(ConfigFactory.load());
        kit = ActorTestKit.create("forecaster-test", config);
        blocking = Executors.newFixedThreadPool(2);
        gateway = GatewayAssembly.create(
                GatewaySettings.fromConfig(config),
                database.sessions(),
                database.systemPool(),
                blocking,
                Clock.systemUTC());
        topic = kit.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
        gateway.close();
        blocking.shutdownNow();
        database.close();
    }

    @BeforeEach
    void freshWorkload() throws SQLException {
        clock = new WorkloadClock(Clock.fixed(NOW, ZoneOffset.UTC));
        clock.observe(NOW);
        execute("TRUNCATE journal.event_journal, journal.event_tag, journal.snapshot, metadata.query_logs, "
                + "metadata.forecasts CASCADE");
    }

    @AfterEach
    void stopAgents() {
        spawned.forEach(kit::stop);
    }

    // ---- the tests ------------------------------------------------------------------------------------------

    @Test
    void forecastsTheTotalAndTheBusiestFingerprintsFromSettledHistory() throws SQLException {
        insertPattern(SLOT.minus(Duration.ofHours(84)), SLOT.plus(BUCKET));
        ActorRef<Command> forecaster = spawn();

        awaitPublished(forecaster, 3);
        Forecast total =
                new ForecastRepository(database.systemPool()).latest("total").orElseThrow();
        assertThat(total.madeAt()).isEqualTo(SLOT);
        assertThat(total.bucketMinutes()).isEqualTo(5);
        assertThat(total.points()).hasSize(72);
        assertThat(total.points().get(0).bucketStart())
                .as("the unsettled bucket 12:00 is forecast, not read")
                .isEqualTo(SLOT);
        assertThat(mapeAgainstPattern(total)).isLessThan(0.10);

        ForecastPublished event = latest(forecaster, "total").orElseThrow();
        assertThat(event.model())
                .isEqualTo(total.model())
                .isIn(event.holdoutMae().keySet());
        assertThat(event.holdoutMae()).containsOnlyKeys("seasonal-naive(288)", "holt-winters(288)");
        assertThat(event.at()).isEqualTo(NOW);
        assertThat(event.slot()).isEqualTo(SLOT);
        assertThat(event.historyBuckets()).isEqualTo(84 * 12);
        assertThat(event.horizonBuckets()).isEqualTo(72);
        assertThat(event.firstBucket()).isEqualTo(SLOT);
        assertThat(event.recentMape()).isEmpty();
        assertThat(event.recentMae()).isEmpty();
        double nextHour = total.points().stream()
                .limit(12)
                .mapToDouble(ForecastPoint::predicted)
                .sum();
        assertThat(event.nextHour()).isCloseTo(nextHour, within(1e-6));
        double peak = total.points().stream()
                .mapToDouble(ForecastPoint::predicted)
                .max()
                .orElseThrow();
        assertThat(event.peak()).isEqualTo(peak);
        assertThat(event.summary()).startsWith("total: peak ").contains(event.model(), "first forecast");
        assertThat(latest(forecaster, "fp-a")).isPresent();
        assertThat(latest(forecaster, "fp-b")).isPresent();

        assertThat(strings(
                        "SELECT event_ser_manifest FROM journal.event_journal WHERE persistence_id = ? "
                                + "ORDER BY sequence_number",
                        PID))
                .containsOnly(ForecastPublished.class.getName())
                .hasSize(3);
        assertThat(strings(
                                "SELECT convert_from(event_payload, 'UTF8') FROM journal.event_journal "
                                        + "WHERE persistence_id = ? AND sequence_number = 1",
                                PID)
                        .get(0))
                .contains("\"model\":\"" + event.model() + "\"", "\"target\":\"total\"");
        assertThat(strings(
                        "SELECT DISTINCT t.tag FROM journal.event_tag t JOIN journal.event_journal j "
                                + "ON j.ordering = t.event_id WHERE j.persistence_id = ? ORDER BY 1",
                        PID))
                .containsExactly("agent-forecaster", "decision");

        AgentStatus status = status(forecaster);
        assertThat(status.state()).isEqualTo("forecasting 3 targets every 15 min of workload time");
        assertThat(status.lastDecision()).contains(event.summary());
        assertThat(status.counters()).containsEntry("forecasts_published", 3L).containsEntry("targets", 3L);
    }

    @Test
    void forecastsOncePerIntervalOfWorkloadTimeAndScoresThePreviousForecast() throws SQLException {
        insertPattern(SLOT.minus(Duration.ofHours(60)), SLOT.plus(Duration.ofMinutes(25)));
        ActorRef<Command> forecaster = spawn();
        awaitPublished(forecaster, 3);

        clock.observe(NOW.plus(Duration.ofMinutes(7))); // 12:14: still the 12:00 slot
        sleepTicks();
        assertThat(status(forecaster).counters()).containsEntry("forecasts_published", 3L);
        assertThat(journalEvents()).isEqualTo(3);

        clock.observe(NOW.plus(Duration.ofMinutes(15))); // 12:22: slot 12:15, history settled up to 12:15
        awaitPublished(forecaster, 6);
        assertThat(journalEvents()).isEqualTo(6);
        ForecastPublished second = latest(forecaster, "total").orElseThrow();
        assertThat(second.slot()).isEqualTo(SLOT.plus(Duration.ofMinutes(15)));
        assertThat(second.firstBucket()).isEqualTo(SLOT.plus(Duration.ofMinutes(15)));
        // the first forecast's buckets 12:00, 12:05 and 12:10 are known now
        assertThat(second.recentMape()).hasValueSatisfying(m -> assertThat(m).isLessThan(0.10));
        assertThat(second.recentMae()).isPresent();
        assertThat(second.summary()).contains("last forecast MAPE");
        assertThat(status(forecaster).counters()).containsKey("recent_mape_x100");
        assertThat(longs(
                        "SELECT count(*) FROM metadata.forecasts WHERE target = 'total' AND made_at = ? "
                                + "AND actual IS NOT NULL",
                        Timestamp.from(SLOT)))
                .containsExactly(3L);
        assertThat(longs(
                        "SELECT actual::bigint FROM metadata.forecasts WHERE target = 'total' AND made_at = ? "
                                + "AND actual IS NOT NULL ORDER BY bucket_start",
                        Timestamp.from(SLOT)))
                .containsExactly(pattern(SLOT), pattern(SLOT.plus(BUCKET)), pattern(SLOT.plus(BUCKET.multipliedBy(2))));
    }

    @Test
    void aRestartRecoversTheHandledSlotAndNeverForecastsItAgain() throws SQLException {
        insertPattern(SLOT.minus(Duration.ofHours(50)), SLOT.plus(BUCKET));
        ActorRef<Command> first = spawn();
        awaitPublished(first, 3);
        Optional<ForecastPublished> before = latest(first, "total");
        kit.stop(first);

        clock.observe(NOW.plus(Duration.ofMinutes(5))); // 12:12: same slot
        ActorRef<Command> again = spawn();
        AgentStatus recovered = status(again);
        assertThat(recovered.counters())
                .containsEntry("forecasts_published", 3L)
                .containsEntry("targets", 3L);
        assertThat(latest(again, "total")).isEqualTo(before);
        sleepTicks();
        assertThat(journalEvents()).isEqualTo(3);
        assertThat(longs("SELECT count(DISTINCT made_at) FROM metadata.forecasts", null))
                .containsExactly(1L);
        assertThat(longs("SELECT count(*) FROM metadata.forecasts WHERE target = 'total'", null))
                .containsExactly(72L);

        // forced in the same slot: the stored forecast is replaced, the decision journaled again
        TestProbe<StatusReply<RoundReport>> reply = kit.createTestProbe();
        again.tell(new ForecastNow(reply.getRef()));
        RoundReport report = reply.receiveMessage(TIMEOUT).getValue();
        assertThat(report.slot()).isEqualTo(SLOT);
        assertThat(report.published()).hasSize(3);
        assertThat(journalEvents()).isEqualTo(6);
        assertThat(longs("SELECT count(*) FROM metadata.forecasts WHERE target = 'total'", null))
                .containsExactly(72L);
    }

    @Test
    void aSlotStoredButNeverJournaledIsReplacedNotDuplicated() throws SQLException {
        insertPattern(SLOT.minus(Duration.ofHours(50)), SLOT.plus(BUCKET));
        // what a crash between storing and journaling leaves behind: the slot's forecast without its event
        new ForecastRepository(database.systemPool())
                .saveForecast(
                        "orphan-model",
                        null,
                        "total",
                        SLOT,
                        5,
                        List.of(new ForecastPoint(SLOT, 1, Optional.empty(), Optional.empty(), Optional.empty())));
        ActorRef<Command> forecaster = spawn();
        awaitPublished(forecaster, 3);
        assertThat(strings("SELECT DISTINCT model FROM metadata.forecasts WHERE target = 'total'", null))
                .containsExactly(latest(forecaster, "total").orElseThrow().model());
        assertThat(longs("SELECT count(*) FROM metadata.forecasts WHERE target = 'total'", null))
                .containsExactly(72L);
    }

    @Test
    void tooLittleHistoryIsWarmingUpAndForecastsNothing() throws SQLException {
        insertPattern(SLOT.minus(Duration.ofDays(1)), SLOT.plus(BUCKET));
        ActorRef<Command> forecaster = spawn();
        TestProbe<AgentStatus> probe = kit.createTestProbe();
        probe.awaitAssert(TIMEOUT, () -> {
            forecaster.tell(new GetStatus(probe.getRef()));
            return assertThat(probe.receiveMessage(TIMEOUT).state()).isEqualTo("warming up: 288 of 576 buckets");
        });
        assertThat(longs("SELECT count(*) FROM metadata.forecasts", null)).containsExactly(0L);
        assertThat(latest(forecaster, "total")).isEmpty();
        assertThat(status(forecaster).counters()).containsEntry("forecasts_published", 0L);

        clock.observe(NOW.plus(Duration.ofMinutes(5)));
        sleepTicks();
        assertThat(strings("SELECT event_ser_manifest FROM journal.event_journal WHERE persistence_id = ?", PID))
                .as("one marker for the slot, no decision")
                .containsExactly(WarmingUp.class.getName());
        assertThat(longs("SELECT count(*) FROM journal.event_tag", null)).containsExactly(0L);

        TestProbe<StatusReply<RoundReport>> reply = kit.createTestProbe();
        forecaster.tell(new ForecastNow(reply.getRef()));
        RoundReport report = reply.receiveMessage(TIMEOUT).getValue();
        assertThat(report.published()).isEmpty();
        // at 12:12 the 12:00 bucket has settled too
        assertThat(report.warmingUp())
                .hasValueSatisfying(w -> assertThat(w.buckets()).isEqualTo(289));
    }

    @Test
    void aDatabaseFailureIsRetriedAtTheNextDueTickWithoutACrash() throws SQLException {
        insertPattern(SLOT.minus(Duration.ofHours(50)), SLOT.plus(BUCKET));
        execute("ALTER TABLE metadata.query_logs RENAME TO query_logs_away");
        ActorRef<Command> forecaster;
        try {
            forecaster = spawn();
            TestProbe<StatusReply<RoundReport>> reply = kit.createTestProbe();
            forecaster.tell(new ForecastNow(reply.getRef()));
            assertThat(reply.receiveMessage(TIMEOUT).isError()).isTrue();
            sleepTicks();
            assertThat(journalEvents()).isZero();
        } finally {
            execute("ALTER TABLE metadata.query_logs_away RENAME TO query_logs");
        }
        awaitPublished(forecaster, 3);
        assertThat(journalEvents()).isEqualTo(3);
    }

    @Test
    void stateEventsAndCommandsSurviveJsonSerialization() throws Exception {
        ForecastPublished published = new ForecastPublished(
                Forecaster.NAME,
                NOW,
                SLOT,
                "total",
                "holt-winters(288)",
                Map.of("seasonal-naive(288)", 2.5, "holt-winters(288)", 1.25),
                1000,
                72,
                SLOT,
                40.5,
                SLOT.plus(BUCKET),
                300,
                Optional.of(0.07),
                Optional.of(1.5));
        WarmingUp warming = new WarmingUp(Forecaster.NAME, NOW, SLOT, 12, 576);
        State state = State.initial().apply(warming).apply(published);
        assertThat(roundTrip(state)).isEqualTo(state);
        assertThat(roundTrip(published)).isEqualTo(published);
        assertThat(roundTrip(warming)).isEqualTo(warming);
        assertThat(roundTrip(new RoundReport(SLOT, List.of(published), Optional.empty())))
                .isEqualTo(new RoundReport(SLOT, List.of(published), Optional.empty()));
        TestProbe<AgentStatus> probe = kit.createTestProbe();
        assertThat(roundTrip(new GetStatus(probe.getRef()))).isEqualTo(new GetStatus(probe.getRef()));
        assertThat(state.lastRoundAt()).contains(SLOT);
        assertThat(state.warmingUp()).isEmpty();
        assertThat(Forecaster.PERSISTENCE_ID.id()).isEqualTo("Forecaster|forecaster");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Arrivals of the synthetic workload in one 5-minute bucket: a daily wave between 5 and 35. */
    private static long pattern(Instant bucketStart) {
        double phase = 2 * Math.PI * Math.floorMod(bucketStart.getEpochSecond(), 86_400L) / 86_400.0;
        return Math.round(20 + 15 * Math.sin(phase));
    }

    /** Query log rows of the pattern for the buckets in [from, to): one in three is fp-b, the rest fp-a. */
    private static void insertPattern(Instant from, Instant to) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO metadata.query_logs (query_text, fingerprint, user_id, user_role, status, simulated_at)
                     SELECT 'SELECT 1', CASE WHEN i % 3 = 0 THEN 'fp-b' ELSE 'fp-a' END, 'sim', 'analyst',
                            CASE WHEN i % 7 = 0 THEN 'error' ELSE 'ok' END, ?::timestamptz + i * interval '1 second'
                     FROM generate_series(1, ?) AS i""")) {
            for (Instant b = from; b.isBefore(to); b = b.plus(BUCKET)) {
                ps.setTimestamp(1, Timestamp.from(b));
                ps.setLong(2, pattern(b));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static double mapeAgainstPattern(Forecast forecast) {
        double[] actual = forecast.points().stream()
                .mapToDouble(p -> pattern(p.bucketStart()))
                .toArray();
        double[] predicted =
                forecast.points().stream().mapToDouble(ForecastPoint::predicted).toArray();
        return ForecastMetrics.mape(actual, predicted);
    }

    private ActorRef<Command> spawn() {
        AgentEnvironment env = new AgentEnvironment(config, database, gateway, clock, blocking, topic);
        ActorRef<Command> ref = kit.spawn(Forecaster.create(env, SETTINGS));
        spawned.add(ref);
        return ref;
    }

    private static AgentStatus status(ActorRef<Command> forecaster) {
        TestProbe<AgentStatus> probe = kit.createTestProbe();
        forecaster.tell(new GetStatus(probe.getRef()));
        return probe.receiveMessage(TIMEOUT);
    }

    private static Optional<ForecastPublished> latest(ActorRef<Command> forecaster, String target) {
        TestProbe<Optional<ForecastPublished>> probe = kit.createTestProbe();
        forecaster.tell(new GetLatest(target, probe.getRef()));
        return probe.receiveMessage(TIMEOUT);
    }

    private static void awaitPublished(ActorRef<Command> forecaster, long count) {
        kit.createTestProbe()
                .awaitAssert(
                        TIMEOUT,
                        () -> assertThat(status(forecaster).counters()).containsEntry("forecasts_published", count));
    }

    /** Long enough for several ticks: what would happen on a due tick would have happened. */
    private static void sleepTicks() {
        try {
            Thread.sleep(SETTINGS.tick().multipliedBy(8).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Object roundTrip(Object value) throws Exception {
        Serialization serialization = SerializationExtension.get(kit.system());
        byte[] bytes = serialization.serialize(value).get();
        int id = serialization.findSerializerFor(value).identifier();
        String manifest = Serializers.manifestFor(serialization.findSerializerFor(value), value);
        return serialization.deserialize(bytes, id, manifest).get();
    }

    private static long journalEvents() throws SQLException {
        return longs("SELECT count(*) FROM journal.event_journal WHERE persistence_id = '" + PID + "'", null)
                .get(0);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<Long> longs(String sql, Object param) throws SQLException {
        return strings(sql, param).stream().map(Long::parseLong).toList();
    }

    private static List<String> strings(String sql, Object param) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setObject(1, param);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
