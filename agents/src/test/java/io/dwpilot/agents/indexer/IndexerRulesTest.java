package io.dwpilot.agents.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.indexer.Indexer.Apply;
import io.dwpilot.agents.indexer.Indexer.BuildScheduled;
import io.dwpilot.agents.indexer.Indexer.Command;
import io.dwpilot.agents.indexer.Indexer.Event;
import io.dwpilot.agents.indexer.Indexer.IndexCreated;
import io.dwpilot.agents.indexer.Indexer.IndexKept;
import io.dwpilot.agents.indexer.Indexer.IndexRecommended;
import io.dwpilot.agents.indexer.Indexer.IndexesAnalyzed;
import io.dwpilot.agents.indexer.Indexer.Journal;
import io.dwpilot.agents.indexer.Indexer.RecommendationRejected;
import io.dwpilot.agents.indexer.Indexer.Reject;
import io.dwpilot.agents.indexer.IndexerState.Phase;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.models.index.KeyColumn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexer's journaled rules against the in-memory journal, without a database: the worker is a probe, so what
 * a step would find is handed in as its {@link Journal}. The testkit checks that events and state survive
 * serialization; not commands, since a {@link Journal} only ever passes from the indexer's own child to it.
 */
class IndexerRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            "indexer-rules", EventSourcedBehaviorTestKit.config().withFallback(AgentTestBed.inMemoryJournal()));

    private TestProbe<IndexerWorker.Message> worker;
    private EventSourcedBehaviorTestKit<Command, Event, IndexerState> kit;

    @BeforeEach
    void start() {
        worker = TEST_KIT.createTestProbe();
        kit = EventSourcedBehaviorTestKit.create(
                TEST_KIT.system(),
                Indexer.journaled(worker.ref(), Clock.fixed(NOW, ZoneOffset.UTC)),
                EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyCommands(false));
        worker.expectMessageClass(IndexerWorker.Journaled.class); // recovery completed
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aTickHandsTheStateToTheWorker() {
        kit.runCommand(new Indexer.Tick());

        assertThat(worker.expectMessageClass(IndexerWorker.Due.class).state()).isEqualTo(IndexerState.initial());
    }

    @Test
    void anAnalysisIsJournaledAndItsRecommendationsAwaitADecision() {
        TestProbe<StatusReply<String>> reply = TEST_KIT.createTestProbe();
        IndexesAnalyzed analyzed = analyzed(2);

        kit.runCommand(new Journal(
                List.of(analyzed, recommended(1, "orders"), recommended(2, "lines")), Optional.of(reply.ref())));

        assertThat(reply.receiveMessage().getValue()).isEqualTo(analyzed.summary());
        worker.expectMessageClass(IndexerWorker.Journaled.class);
        IndexerState state = kit.getState();
        assertThat(state.analyses()).isEqualTo(1);
        assertThat(state.lastAnalysisAt()).contains(NOW);
        assertThat(state.inPhase(Phase.RECOMMENDED))
                .extracting(IndexerState.Tracked::id)
                .containsExactly(1L, 2L);
    }

    @Test
    void aPersonAppliesARecommendationOnceAndOnlyARecommendedOne() {
        recommend(1, "orders");

        CommandResultWithReply<Command, Event, IndexerState, StatusReply<String>> applied =
                kit.runCommand(replyTo -> new Apply(1, "ada", replyTo));
        CommandResultWithReply<Command, Event, IndexerState, StatusReply<String>> again =
                kit.runCommand(replyTo -> new Apply(1, "ada", replyTo));
        CommandResultWithReply<Command, Event, IndexerState, StatusReply<String>> unknown =
                kit.runCommand(replyTo -> new Apply(99, "ada", replyTo));

        assertThat(applied.eventOfType(BuildScheduled.class).notBefore()).isEqualTo(NOW);
        assertThat(applied.eventOfType(BuildScheduled.class).by()).isEqualTo("ada");
        assertThat(applied.reply().isSuccess()).isTrue();
        assertThat(applied.state().get(1).orElseThrow().phase()).isEqualTo(Phase.APPROVED);
        assertThat(again.hasNoEvents()).isTrue();
        assertThat(again.reply().getError())
                .hasMessage("index recommendation 1 is approved: only a recommended index can be applied");
        assertThat(unknown.reply().getError()).hasMessage("no index recommendation 99");
    }

    @Test
    void aRejectionIsJournaledAndHandedToTheWorkerForTheHistory() {
        recommend(1, "orders");
        kit.<StatusReply<String>>runCommand(replyTo -> new Apply(1, "ada", replyTo));

        CommandResultWithReply<Command, Event, IndexerState, StatusReply<String>> rejected =
                kit.runCommand(replyTo -> new Reject(1, "bob", "not before the sale", replyTo));

        RecommendationRejected event = rejected.eventOfType(RecommendationRejected.class);
        assertThat(event.reason()).isEqualTo("not before the sale");
        assertThat(rejected.reply().getValue()).isEqualTo(event.summary());
        assertThat(rejected.state().get(1).orElseThrow().phase()).isEqualTo(Phase.REJECTED);
        assertThat(worker.expectMessageClass(IndexerWorker.RecordRejection.class))
                .isEqualTo(new IndexerWorker.RecordRejection(1, "bob", NOW));
    }

    @Test
    void aBuiltIndexIsVerifiedThenKeptAndOnlyThenNoLongerRejectable() {
        recommend(1, "orders");
        kit.<StatusReply<String>>runCommand(replyTo -> new Apply(1, "ada", replyTo));
        assertThat(kit.getState().usedBytes()).isEqualTo(8_000_000); // the estimate, until it is built

        kit.runCommand(new Journal(
                List.of(new IndexCreated(
                        Indexer.NAME, NOW.plusSeconds(60), 1, name("orders"), NOW, 8_000_000, 12_000_000, 900)),
                Optional.empty()));
        IndexerState built = kit.getState();
        kit.runCommand(new Journal(
                List.of(new IndexKept(Indexer.NAME, NOW.plusSeconds(3600), 1, name("orders"), 0.4, "40% faster")),
                Optional.empty()));

        assertThat(built.get(1).orElseThrow().phase()).isEqualTo(Phase.VERIFYING);
        assertThat(built.usedBytes()).isEqualTo(12_000_000);
        assertThat(built.sizeCalibration()).isEqualTo(1.5);
        assertThat(kit.getState().get(1).orElseThrow().phase()).isEqualTo(Phase.KEPT);
        assertThat(kit.<StatusReply<String>>runCommand(replyTo -> new Reject(1, "bob", "", replyTo))
                        .reply()
                        .getError())
                .hasMessage("index recommendation 1 is kept: only a recommended index can be rejected");
        assertThat(kit.restart().state()).isEqualTo(kit.getState());
    }

    @Test
    void theModeAndTheStatusAreTheWorkersToAnswer() {
        TestProbe<io.dwpilot.agents.runtime.AgentStatus> status = TEST_KIT.createTestProbe();

        kit.runCommand(new Indexer.GetStatus(status.ref()));

        assertThat(worker.expectMessageClass(IndexerWorker.GetStatus.class).replyTo())
                .isEqualTo(status.ref());
    }

    private void recommend(long id, String table) {
        kit.runCommand(new Journal(List.of(analyzed(1), recommended(id, table)), Optional.empty()));
        worker.expectMessageClass(IndexerWorker.Journaled.class);
    }

    private static IndexesAnalyzed analyzed(int recommended) {
        return new IndexesAnalyzed(Indexer.NAME, NOW, 40, 12, 1, 300, 250, 100_000_000, 0, 5_000, 3_000, recommended);
    }

    private static IndexRecommended recommended(long id, String table) {
        return new IndexRecommended(
                Indexer.NAME,
                NOW,
                id,
                new IndexRecommendation(
                        "public." + table,
                        "public",
                        table,
                        name(table),
                        "CREATE INDEX CONCURRENTLY " + name(table) + " ON public." + table + " (customer_id)",
                        List.of(new KeyColumn("customer_id", false)),
                        List.of(),
                        8_000_000,
                        2_000,
                        100,
                        List.of(new IndexRecommendation.Effect("fp-" + table, 30, 120, 4))));
    }

    private static String name(String table) {
        return IndexRecommendation.NAME_PREFIX + table + "_customer_id";
    }
}
