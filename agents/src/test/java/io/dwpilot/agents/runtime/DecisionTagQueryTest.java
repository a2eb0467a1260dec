package io.dwpilot.agents.runtime;

import static io.dwpilot.agents.runtime.JournalTestSupport.setMode;
import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.runtime.AgentSwitch.Command;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.AgentSwitch.ModeChanged;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decision feed's source: the JDBC read journal's events by tag, in journal order. */
class DecisionTagQueryTest {
    private static Database database;
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        database = TestPostgres.newWarehouse("agents_journal");
        kit = ActorTestKit.create("decision-tag-query", JournalTestSupport.config(database));
    }

    @AfterAll
    static void stop() {
        if (kit != null) {
            kit.shutdownTestKit();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void currentEventsByTagReturnsTheDecisionsInOrder() throws Exception {
        ActorRef<Command> indexer = kit.spawn(AgentSwitch.create("indexer", Clock.systemUTC()));
        ActorRef<Command> governor = kit.spawn(AgentSwitch.create("governor", Clock.systemUTC()));
        setMode(kit, indexer, Mode.RECOMMEND_ONLY, "r1");
        setMode(kit, governor, Mode.RECOMMEND_ONLY, "r2");
        setMode(kit, indexer, Mode.AUTOMATIC, "r3");

        JdbcReadJournal readJournal = PersistenceQuery.get(kit.system())
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());

        // The read journal only serves orderings its sequence actor has seen; give it a moment after the writes.
        List<EventEnvelope> envelopes = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            envelopes = readJournal
                    .currentEventsByTag(AgentDecision.TAG, Offset.noOffset())
                    .runWith(Sink.seq(), kit.system())
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            if (envelopes.size() >= 3) {
                break;
            }
            Thread.sleep(100);
        }

        assertThat(envelopes)
                .extracting(e -> ((ModeChanged) e.event()).reason())
                .containsExactly("r1", "r2", "r3");
        assertThat(envelopes)
                .extracting(EventEnvelope::persistenceId)
                .containsExactly("AgentSwitch|indexer", "AgentSwitch|governor", "AgentSwitch|indexer");
        assertThat(envelopes).extracting(EventEnvelope::sequenceNr).containsExactly(1L, 1L, 2L);
        assertThat(envelopes.get(0).event())
                .isEqualTo(new ModeChanged(
                        "indexer",
                        Mode.RECOMMEND_ONLY,
                        "r1",
                        ((ModeChanged) envelopes.get(0).event()).at()));

        List<EventEnvelope> governorOnly = readJournal
                .currentEventsByTag(AgentDecision.agentTag("governor"), Offset.noOffset())
                .runWith(Sink.seq(), kit.system())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(governorOnly).extracting(EventEnvelope::persistenceId).containsExactly("AgentSwitch|governor");
    }
}
