package io.dwpilot.agents.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.governor.Governor.Command;
import io.dwpilot.agents.governor.Governor.EvaluateNow;
import io.dwpilot.agents.governor.Governor.GetLimits;
import io.dwpilot.agents.governor.Governor.GetStatus;
import io.dwpilot.agents.governor.Governor.LimitsChanged;
import io.dwpilot.agents.governor.Governor.Observe;
import io.dwpilot.agents.governor.GovernorPolicy.Evaluation;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.DecisionKind;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.gateway.GatewayControls.Demand;
import io.dwpilot.gateway.GatewayControls.LaneDemand;
import io.dwpilot.gateway.LimitBounds;
import io.dwpilot.gateway.LimitBounds.Range;
import io.dwpilot.gateway.Limits;
import io.dwpilot.persistence.observations.ForecastPoint;
import io.dwpilot.persistence.observations.ForecastRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The governor actor on scripted demand, snapshots and a stored forecast, against the in-memory journal. */
class GovernorTest {
    private static final Instant NOW = Instant.parse("2026-03-02T13:35:00Z");
    private static final String PERSISTENCE_ID = "Governor|governor";
    private static final LimitBounds BOUNDS =
            new LimitBounds(new Range(2, 32), new Range(1, 8), new Range(4, 40), new Range(4, 256));
    private static final Limits START = new Limits(16, 4, 20, 64);
    private static final GovernorSettings SETTINGS = GovernorSettings.defaults().withTick(Duration.ofHours(1));
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            "governor-test", EventSourcedBehaviorTestKit.config().withFallback(AgentTestBed.inMemoryJournal()));
    private static AgentTestBed bed;
    private static ActorRef<Topic.Command<WorkloadSnapshot>> topic;

    private final PersistenceTestKit journal = PersistenceTestKit.create(TEST_KIT.system());
    private WorkloadClock clock;
    private ScriptedControls controls;
    private ActorRef<Command> governor;

    @BeforeAll
    static void open() {
        bed = AgentTestBed.open("governor");
        topic = TEST_KIT.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC));
    }

    @AfterAll
    static void close() {
        TEST_KIT.shutdownTestKit();
        bed.close();
    }

    @BeforeEach
    void fresh() throws SQLException {
        journal.clearAll();
        try (Connection c = bed.database().systemPool().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM metadata.forecasts");
        }
        clock = new WorkloadClock(Clock.fixed(NOW, ZoneOffset.UTC));
        controls = new ScriptedControls(START, BOUNDS);
    }

    @AfterEach
    void stop() {
        if (governor != null) {
            TEST_KIT.stop(governor);
        }
    }

    private ActorRef<Command> spawn(Duration tick) {
        AgentEnvironment env = bed.environment(clock, topic);
        governor = TEST_KIT.spawn(Governor.create(env, controls, SETTINGS.withTick(tick)));
        return governor;
    }

    private static WorkloadSnapshot snapshot(long arrivalsLast5Minutes) {
        return new WorkloadSnapshot(
                NOW, arrivalsLast5Minutes / 5, arrivalsLast5Minutes, 0, 0, 5, 20, 3, List.of(), Optional.empty());
    }

    private static Evaluation evaluateNow(ActorRef<Command> governor) {
        TestProbe<Evaluation> probe = TEST_KIT.createTestProbe();
        governor.tell(new EvaluateNow(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    private static void forecastPeakAt1405() throws SQLException {
        new ForecastRepository(bed.database().systemPool())
                .saveForecast(
                        "holt-winters",
                        "1",
                        "total",
                        NOW,
                        5,
                        List.of(
                                ForecastPoint.of(NOW.plusSeconds(300), 110, 90, 130),
                                ForecastPoint.of(Instant.parse("2026-03-02T14:05:00Z"), 180, 150, 210),
                                ForecastPoint.of(NOW.plusSeconds(7200), 500, 400, 600)));
    }

    @Test
    void aChangeIsJournaledWithItsReasonThenAppliedToTheGateway() throws SQLException {
        forecastPeakAt1405();
        ActorRef<Command> governor = spawn(Duration.ofHours(1));
        governor.tell(new Observe(snapshot(100)));
        controls.demand(12, 3);

        Evaluation evaluation = evaluateNow(governor);

        Limits expected = new Limits(27, 7, 34, 36);
        assertThat(evaluation.to()).isEqualTo(expected);
        assertThat(controls.applied()).containsExactly(expected);
        List<Object> events = journal.persistedInStorage(PERSISTENCE_ID);
        assertThat(events).hasSize(1);
        LimitsChanged changed = (LimitsChanged) events.get(0);
        assertThat(changed.from()).isEqualTo(START);
        assertThat(changed.to()).isEqualTo(expected);
        assertThat(changed.at()).isEqualTo(NOW);
        assertThat(changed.kind()).isEqualTo(DecisionKind.LIMITS_CHANGED);
        assertThat(changed.summary()).startsWith("interactive 16→27 ahead of forecast peak 1.8x at 14:05");
        assertThat(changed.numbers().ratio()).isEqualTo(1.8);
        assertThat(changed.numbers().arrivalsLast5Minutes()).isEqualTo(100);

        TestProbe<AgentStatus> status = TEST_KIT.createTestProbe();
        governor.tell(new GetStatus(status.ref()));
        AgentStatus answer = status.receiveMessage();
        assertThat(answer.lastDecision()).contains(changed.summary());
        assertThat(answer.counters()).containsEntry("limit_changes", 1L);

        // The same inputs again: the decision equals the current limits and nothing is persisted.
        assertThat(evaluateNow(governor).changed()).isFalse();
        assertThat(journal.persistedInStorage(PERSISTENCE_ID)).hasSize(1);
    }

    @Test
    void withoutAForecastItPlansFromTheObservedLoadOnly() {
        ActorRef<Command> governor = spawn(Duration.ofHours(1));
        governor.tell(new Observe(snapshot(100)));
        controls.demand(20, 3);
        Evaluation evaluation = evaluateNow(governor);
        assertThat(evaluation.numbers().forecastPeak()).isEmpty();
        assertThat(evaluation.to().interactive()).isEqualTo(25);
        assertThat(evaluation.reason()).startsWith("interactive 16→25 for demand 20");
    }

    @Test
    void aRestartRebuildsTheLimitsFromTheJournalReappliesThemAndDecidesNothingTwice() throws SQLException {
        forecastPeakAt1405();
        ActorRef<Command> first = spawn(Duration.ofHours(1));
        first.tell(new Observe(snapshot(100)));
        controls.demand(12, 3);
        Limits decided = evaluateNow(first).to();
        TEST_KIT.stop(first);

        // The gateway restarted too: it is back at its configured limits.
        controls = new ScriptedControls(START, BOUNDS);
        controls.demand(12, 3);
        ActorRef<Command> second = spawn(Duration.ofHours(1));
        TestProbe<Limits> limits = TEST_KIT.createTestProbe();
        second.tell(new GetLimits(limits.ref()));
        assertThat(limits.receiveMessage()).isEqualTo(decided);
        assertThat(controls.applied()).containsExactly(decided);

        second.tell(new Observe(snapshot(100)));
        assertThat(evaluateNow(second).changed()).isFalse();
        assertThat(journal.persistedInStorage(PERSISTENCE_ID)).hasSize(1);
        assertThat(controls.applied()).containsExactly(decided);
    }

    @Test
    void aProposalMadeFromOtherLimitsThanTheGatewaysIsNotPersisted() {
        ActorRef<Command> governor = spawn(Duration.ofHours(1));
        Evaluation stale = new GovernorPolicy(SETTINGS)
                .evaluate(
                        new GovernorPolicy.Inputs(
                                NOW,
                                new Demand(new LaneDemand(30, 0), new LaneDemand(1, 0)),
                                50,
                                Optional.empty(),
                                Optional.empty()),
                        new Limits(8, 2, 10, 128),
                        GovernorPolicy.Holds.NONE,
                        BOUNDS);
        TestProbe<Evaluation> reply = TEST_KIT.createTestProbe();
        governor.tell(new Governor.Decide(stale, Optional.of(reply.ref())));
        Evaluation answer = reply.receiveMessage();
        assertThat(answer.changed()).isFalse();
        assertThat(answer.to()).isEqualTo(START);
        assertThat(journal.persistedInStorage(PERSISTENCE_ID)).isEmpty();
        assertThat(controls.applied()).isEmpty();
    }

    @Test
    void itEvaluatesOncePerIntervalOfWorkloadTime() {
        spawn(Duration.ofMillis(20));
        awaitReads(1); // the first tick: never evaluated before
        sleep(300);
        assertThat(controls.demandReads()).isEqualTo(1);
        clock.observe(NOW.plus(Duration.ofMinutes(4)));
        sleep(300);
        assertThat(controls.demandReads()).isEqualTo(1);
        clock.observe(NOW.plus(Duration.ofMinutes(5)));
        awaitReads(2);
        sleep(300);
        assertThat(controls.demandReads()).isEqualTo(2);
    }

    @Test
    void snapshotsArriveThroughTheWorkloadTopic() {
        ActorRef<Command> governor = spawn(Duration.ofHours(1));
        TEST_KIT.createTestProbe().awaitAssert(Duration.ofSeconds(5), Duration.ofMillis(100), () -> {
            topic.tell(Topic.publish(snapshot(77)));
            assertThat(evaluateNow(governor).numbers().arrivalsLast5Minutes()).isEqualTo(77);
            return null;
        });
    }

    @Test
    void eventsCommandsAndStateSurviveSerializationAndRecovery() {
        AgentEnvironment env = bed.environment(clock, topic);
        EventSourcedBehaviorTestKit<Command, Governor.Event, Governor.State> kit =
                EventSourcedBehaviorTestKit.create(TEST_KIT.system(), Governor.create(env, controls, SETTINGS));
        Evaluation evaluation = new GovernorPolicy(SETTINGS)
                .evaluate(
                        new GovernorPolicy.Inputs(
                                NOW,
                                new Demand(new LaneDemand(30, 2), new LaneDemand(1, 0)),
                                50,
                                Optional.empty(),
                                Optional.empty()),
                        START,
                        GovernorPolicy.Holds.NONE,
                        BOUNDS);

        EventSourcedBehaviorTestKit.CommandResult<Command, Governor.Event, Governor.State> result =
                kit.runCommand(new Governor.Decide(evaluation, Optional.empty()));

        assertThat(result.events()).hasSize(1);
        assertThat(result.state().limits()).contains(evaluation.to());
        assertThat(result.state().changes()).isEqualTo(1);
        assertThat(kit.restart().state()).isEqualTo(result.state());
    }

    private void awaitReads(int reads) {
        TEST_KIT.createTestProbe().awaitAssert(Duration.ofSeconds(5), () -> {
            assertThat(controls.demandReads()).isEqualTo(reads);
            return null;
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
