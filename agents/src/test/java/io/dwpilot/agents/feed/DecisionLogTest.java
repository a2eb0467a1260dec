package io.dwpilot.agents.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.AgentSwitch;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.decisions.DecisionFilter;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.decisions.DecisionRow;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision log on the real JDBC journal: decisions land in metadata.agent_decisions once, across restarts. */
class DecisionLogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final FeedSettings SETTINGS = FeedSettings.defaults()
            .withClientBuffers(100, 100)
            .withQueries(100, 100)
            .withDecisionLog(10, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500));
    private static Database database;
    private static ActorTestKit kit;
    private static ExecutorService blocking;
    private static DecisionRepository repository;

    @BeforeAll
    static void start() {
        database = TestPostgres.newWarehouse("feed_log");
        kit = ActorTestKit.create("decision-log", journalConfig(database));
        blocking = Executors.newFixedThreadPool(2);
        repository = new DecisionRepository(database.systemPool());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
        blocking.shutdownNow();
        database.close();
    }

    static Config journalConfig(Database database) {
        return JournalConfig.overlay(database).withFallback(ConfigFactory.load());
    }

    static void setMode(ActorTestKit kit, ActorRef<AgentSwitch.Command> ref, Mode mode, String reason) {
        TestProbe<StatusReply<Done>> probe = kit.createTestProbe();
        ref.tell(new AgentSwitch.SetMode(mode, reason, probe.getRef()));
        assertThat(probe.receiveMessage(TIMEOUT).isSuccess()).isTrue();
    }

    @Test
    void modeChangesAppearOnceAlsoAfterTheLogRestarts() throws Exception {
        ActorRef<AgentSwitch.Command> indexer = kit.spawn(AgentSwitch.create("indexer", Clock.systemUTC()));
        List<PersistedDecision> heard = new CopyOnWriteArrayList<>();
        DecisionLog log = DecisionLog.start(kit.system(), repository, blocking, SETTINGS, heard::add);
        setMode(kit, indexer, Mode.RECOMMEND_ONLY, "canary failed");
        setMode(kit, indexer, Mode.AUTOMATIC, "fixed");
        List<DecisionRow> rows = awaitRows("indexer", 2);
        assertThat(heard)
                .extracting(d -> d.event().summary())
                .containsExactly(
                        "indexer switched to recommend-only: canary failed", "indexer switched to automatic: fixed");

        DecisionRow first = rows.get(1);
        assertThat(first.persistenceId()).isEqualTo("AgentSwitch|indexer");
        assertThat(first.sequenceNr()).isEqualTo(1);
        assertThat(first.kind()).isEqualTo("mode_changed");
        assertThat(first.channel()).isEqualTo("decision");
        assertThat(first.ordering()).isEqualTo(heard.get(0).ordering());
        // PostgreSQL keeps microseconds
        assertThat(Duration.between(first.decidedAt(), heard.get(0).event().at())
                        .abs())
                .isLessThan(Duration.ofNanos(1000));
        assertThat(first.persistedAt())
                .isBetween(first.decidedAt().minusSeconds(1), first.decidedAt().plusSeconds(5));
        assertThat(first.event()).contains("\"mode\": \"RECOMMEND_ONLY\"").contains("\"reason\": \"canary failed\"");

        log.close();
        log.done().toCompletableFuture().get(10, TimeUnit.SECONDS);
        setMode(kit, indexer, Mode.RECOMMEND_ONLY, "while the log was down");

        List<PersistedDecision> heardAgain = new CopyOnWriteArrayList<>();
        DecisionLog again = DecisionLog.start(kit.system(), repository, blocking, SETTINGS, heardAgain::add);
        try {
            rows = awaitRows("indexer", 3);
            assertThat(rows).extracting(DecisionRow::sequenceNr).containsExactly(3L, 2L, 1L);
            // it resumed after the stored decisions: the new run heard only the new one
            assertThat(heardAgain).extracting(PersistedDecision::sequenceNr).containsExactly(3L);
        } finally {
            again.close();
        }
    }

    @Test
    void restartsWhenTheReadModelFailsAndLosesNothing() throws Exception {
        ActorRef<AgentSwitch.Command> governor = kit.spawn(AgentSwitch.create("governor", Clock.systemUTC()));
        List<PersistedDecision> heard = new CopyOnWriteArrayList<>();
        DecisionLog log = DecisionLog.start(kit.system(), repository, blocking, SETTINGS, heard::add);
        try {
            setMode(kit, governor, Mode.RECOMMEND_ONLY, "maintenance");
            awaitRows("governor", 1);
            execute("ALTER TABLE metadata.agent_decisions RENAME TO agent_decisions_away");
            try {
                setMode(kit, governor, Mode.AUTOMATIC, "maintenance over");
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (heard.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300); // the insert fails, the log restarts with backoff, at least once
            } finally {
                execute("ALTER TABLE metadata.agent_decisions_away RENAME TO agent_decisions");
            }
            assertThat(awaitRows("governor", 2))
                    .extracting(DecisionRow::summary)
                    .containsExactly(
                            "governor switched to automatic: maintenance over",
                            "governor switched to recommend-only: maintenance");
            assertThat(heard).as("each heard once despite the restarts").hasSize(2);
        } finally {
            log.close();
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<DecisionRow> awaitRows(String agent, int count) throws Exception {
        DecisionFilter filter = new DecisionFilter(
                Optional.of(agent), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 100);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<DecisionRow> rows = repository.list(filter).items();
        while (rows.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
            rows = repository.list(filter).items();
        }
        Thread.sleep(300); // a duplicate would show up now
        rows = repository.list(filter).items();
        assertThat(rows).hasSize(count);
        return rows;
    }
}
