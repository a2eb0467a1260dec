package io.dwpilot.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.forecaster.Forecaster;
import io.dwpilot.agents.forecaster.Forecaster.ForecastPublished;
import io.dwpilot.agents.governor.Governor;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.GatewayAssembly;
import io.dwpilot.gateway.GatewaySettings;
import io.dwpilot.gateway.Limits;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.gateway.QuerySubmission;
import io.dwpilot.gateway.Role;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole society on the real JDBC journal: an agent killed mid-run, and separately the whole actor system, come
 * back with their state from the journal and repeat no decision, while the gateway keeps serving.
 */
class AgentSocietyTest {
    /** Three simulated days of arrivals end here; the workload clock stands just after. */
    private static final Instant END = Instant.parse("2026-11-05T00:00:00Z");

    private static final Instant NOW = END.plus(Duration.ofMinutes(7));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Database database;
    private static ExecutorService blocking;
    private static QueryGateway gateway;
    private static Config config;

    @BeforeAll
    static void start() throws Exception {
        database = TestPostgres.newWarehouse("society");
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            // a daily rhythm: 4 to 16 statements per 5 minutes, of two shapes
            s.execute("""
                    INSERT INTO metadata.query_logs (query_text, fingerprint, user_id, user_role, status, simulated_at)
                    SELECT 'select 1', CASE WHEN i % 3 = 0 THEN 'fp-b' ELSE 'fp-a' END, 'sim', 'analyst', 'ok',
                           b + (i * interval '10 seconds')
                    FROM generate_series(timestamptz '2026-11-02 00:00Z', timestamptz '2026-11-04 23:55Z',
                                         interval '5 minutes') AS b,
                         generate_series(1, (10 + 6 * sin(2 * pi() * extract(hour FROM b at time zone 'UTC') / 24))::int) AS i""");
        }
        config = JournalConfig.overlay(database).withFallback(ConfigFactory.load());
        blocking = Executors.newFixedThreadPool(8);
        gateway = GatewayAssembly.create(
                GatewaySettings.fromConfig(config),
                database.sessions(),
                database.systemPool(),
                blocking,
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        blocking.shutdownNow();
        database.close();
    }

    @Test
    void killedAgentAndRestartedSystemRecoverFromTheJournalWithoutRepeatingDecisions() throws Exception {
        CompletableFuture<AgentSociety> started = new CompletableFuture<>();
        ActorSystem<Void> system = ActorSystem.create(spawningSociety(started), "society-first", config);
        AgentSociety society = started.get(10, TimeUnit.SECONDS);
        ForecastPublished first = await(() -> latestTotal(society, system));
        assertThat(first.slot()).isBeforeOrEqualTo(NOW);
        List<AgentStatus> statuses = society.statuses().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(statuses).extracting(AgentStatus::agent).containsExactlyElementsOf(AgentGuardian.AGENTS);
        assertThat(statuses).extracting(AgentStatus::state).doesNotContain("unresponsive");

        // kill the forecaster while statements keep coming through the gateway
        AtomicBoolean serving = new AtomicBoolean(true);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Thread traffic = new Thread(() -> {
            while (serving.get()) {
                try {
                    gateway.execute(new QuerySubmission(
                                    "SELECT 1",
                                    new Caller("sim", Role.ANALYST),
                                    OptionalInt.empty(),
                                    Optional.empty(),
                                    Optional.of(NOW)))
                            .toCompletableFuture()
                            .get(10, TimeUnit.SECONDS);
                    ok.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
            }
        });
        traffic.start();
        society.restart(Forecaster.NAME).toCompletableFuture().get(10, TimeUnit.SECONDS);
        ForecastPublished recovered = await(() -> latestTotal(society, system));
        Thread.sleep(2_000); // a couple of the forecaster's ticks in the same slot
        serving.set(false);
        traffic.join();
        assertThat(recovered).isEqualTo(first);
        assertThat(ok.get()).isPositive();
        assertThat(failed.get()).isZero();
        long forecasterEvents = journalEvents(Forecaster.PERSISTENCE_ID.id());
        Limits limits = gateway.current();

        // restart the whole actor system on the same journal
        society.stop().toCompletableFuture().get(30, TimeUnit.SECONDS);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        CompletableFuture<AgentSociety> startedAgain = new CompletableFuture<>();
        ActorSystem<Void> second = ActorSystem.create(spawningSociety(startedAgain), "society-second", config);
        try {
            AgentSociety again = startedAgain.get(10, TimeUnit.SECONDS);
            assertThat(await(() -> latestTotal(again, second))).isEqualTo(first);
            assertThat(await(() -> limitsOf(again, second))).isEqualTo(limits);
            Thread.sleep(2_000);
            assertThat(journalEvents(Forecaster.PERSISTENCE_ID.id())).isEqualTo(forecasterEvents);
            assertThat(duplicateForecastSlots()).isZero();
            again.close();
        } finally {
            second.terminate();
            second.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** A root behavior that spawns the society, as the server's guardian does, and hands it to {@code started}. */
    private static Behavior<Void> spawningSociety(CompletableFuture<AgentSociety> started) {
        return Behaviors.setup(context -> {
            started.complete(AgentSociety.start(context, config, database, gateway, clockAt(NOW)));
            return Behaviors.empty();
        });
    }

    private static WorkloadClock clockAt(Instant now) {
        WorkloadClock clock = WorkloadClock.system();
        clock.observe(now);
        return clock;
    }

    private static Optional<ForecastPublished> latestTotal(AgentSociety society, ActorSystem<?> system)
            throws Exception {
        ActorRef<Forecaster.Command> forecaster =
                society.roster().toCompletableFuture().get(10, TimeUnit.SECONDS).forecaster();
        return AskPattern.<Forecaster.Command, Optional<ForecastPublished>>ask(
                        forecaster,
                        replyTo -> new Forecaster.GetLatest("total", replyTo),
                        Duration.ofSeconds(10),
                        system.scheduler())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static Optional<Limits> limitsOf(AgentSociety society, ActorSystem<?> system) throws Exception {
        ActorRef<Governor.Command> governor =
                society.roster().toCompletableFuture().get(10, TimeUnit.SECONDS).governor();
        return Optional.of(AskPattern.<Governor.Command, Limits>ask(
                        governor, Governor.GetLimits::new, Duration.ofSeconds(10), system.scheduler())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
    }

    private interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    private static <T> T await(Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception e) {
                last = e; // the agent may be between incarnations
            }
            Thread.sleep(100);
        }
        throw new AssertionError("nothing within " + TIMEOUT, last);
    }

    private static long journalEvents(String persistenceId) throws Exception {
        try (Connection c = database.systemPool().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM journal.event_journal WHERE persistence_id = ?")) {
            ps.setString(1, persistenceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** ForecastPublished events that repeat a (slot, target) pair, read from their JSON payload. */
    private static long duplicateForecastSlots() throws Exception {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                     SELECT count(*) - count(DISTINCT (e->>'slot', e->>'target'))
                     FROM (SELECT convert_from(event_payload, 'UTF8')::jsonb AS e FROM journal.event_journal
                           WHERE persistence_id = 'Forecaster|forecaster' AND event_ser_manifest LIKE '%ForecastPublished%') j""")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
