package io.dwpilot.agents.governor;

import static org.assertj.core.api.Assertions.assertThat;

import io.dwpilot.agents.governor.Governor.Command;
import io.dwpilot.agents.governor.Governor.Decide;
import io.dwpilot.agents.governor.Governor.Event;
import io.dwpilot.agents.governor.Governor.LimitsChanged;
import io.dwpilot.agents.governor.Governor.State;
import io.dwpilot.agents.governor.GovernorPolicy.Evaluation;
import io.dwpilot.agents.governor.GovernorPolicy.Holds;
import io.dwpilot.agents.governor.GovernorPolicy.Inputs;
import io.dwpilot.agents.testing.AgentTestBed;
import io.dwpilot.gateway.GatewayControls.Demand;
import io.dwpilot.gateway.GatewayControls.LaneDemand;
import io.dwpilot.gateway.LimitBounds;
import io.dwpilot.gateway.LimitBounds.Range;
import io.dwpilot.gateway.Limits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The governor's journaled rules against the in-memory journal, without a database: the evaluator is a probe, the
 * policy's evaluations are fed in as its proposals would be, scripted controls stand in for the gateway.
 */
class GovernorRulesTest {
    private static final Instant NOW = Instant.parse("2026-03-02T13:35:00Z");
    private static final LimitBounds BOUNDS =
            new LimitBounds(new Range(2, 32), new Range(1, 8), new Range(4, 40), new Range(4, 256));
    private static final Limits START = new Limits(16, 4, 20, 64);
    private static final GovernorSettings SETTINGS = new GovernorSettings(
            Duration.ofMinutes(5),
            Duration.ofSeconds(1),
            Duration.ofHours(1),
            1.25,
            0.5,
            Duration.ofMinutes(15),
            Duration.ofMinutes(15),
            3.0,
            256);
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            "governor-rules", EventSourcedBehaviorTestKit.config().withFallback(AgentTestBed.inMemoryJournal()));

    private final GovernorPolicy policy = new GovernorPolicy(SETTINGS);
    private ScriptedControls controls;
    private TestProbe<Command> evaluator;
    private EventSourcedBehaviorTestKit<Command, Event, State> kit;

    @BeforeEach
    void start() {
        controls = new ScriptedControls(START, BOUNDS);
        evaluator = TEST_KIT.createTestProbe();
        kit = EventSourcedBehaviorTestKit.create(TEST_KIT.system(), Governor.journaled(controls, evaluator.ref()));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void aRaiseIsJournaledAndAppliedAtOnce() {
        Evaluation raise = evaluate(30, START, Holds.NONE);
        assertThat(raise.changed()).isTrue();

        CommandResult<Command, Event, State> result = kit.runCommand(new Decide(raise, Optional.empty()));

        assertThat(result.events()).singleElement().isInstanceOfSatisfying(LimitsChanged.class, changed -> {
            assertThat(changed.from()).isEqualTo(START);
            assertThat(changed.to()).isEqualTo(raise.to());
        });
        assertThat(result.state().limits()).contains(raise.to());
        assertThat(controls.current()).isEqualTo(raise.to());
    }

    @Test
    void aLowerLimitIsJournaledOnlyAfterTheLoadStayedLowForAWholeDwell() {
        Holds holds = Holds.NONE;
        Instant at = NOW;
        for (; at.isBefore(NOW.plus(SETTINGS.lowerAfter())); at = at.plus(SETTINGS.interval())) {
            Evaluation quiet = evaluate(2, controls.current(), holds, at);
            assertThat(quiet.changed()).isFalse();
            assertThat(kit.runCommand(new Decide(quiet, Optional.empty())).hasNoEvents())
                    .isTrue();
            holds = quiet.holds();
        }
        Evaluation lower = evaluate(2, controls.current(), holds, at);

        CommandResult<Command, Event, State> result = kit.runCommand(new Decide(lower, Optional.empty()));

        assertThat(lower.to().interactive()).isLessThan(START.interactive());
        assertThat(result.events())
                .singleElement()
                .isInstanceOfSatisfying(
                        LimitsChanged.class,
                        changed -> assertThat(changed.reason())
                                .startsWith("interactive 16→3: need at most 2.0 (≤ 50% of 16) since 13:35, 15 min"));
        assertThat(controls.current()).isEqualTo(lower.to());
        assertThat(result.state().changes()).isEqualTo(1);
    }

    @Test
    void aProposalMadeFromLimitsTheGatewayNoLongerHasIsDroppedAndSaysSo() {
        Evaluation stale = evaluate(30, new Limits(8, 2, 10, 32), Holds.NONE);
        TestProbe<Evaluation> reply = TEST_KIT.createTestProbe();

        CommandResult<Command, Event, State> result = kit.runCommand(new Decide(stale, Optional.of(reply.ref())));

        assertThat(result.hasNoEvents()).isTrue();
        assertThat(controls.current()).isEqualTo(START);
        Evaluation answer = reply.receiveMessage();
        assertThat(answer.to()).isEqualTo(START);
        assertThat(answer.reason()).isEqualTo("not applied: the gateway's limits changed meanwhile");
    }

    @Test
    void theLimitsAreTheGatewaysUntilTheFirstDecisionAndTheJournaledOnesAfterARestart() {
        assertThat(limits()).isEqualTo(START);
        Evaluation raise = evaluate(30, START, Holds.NONE);
        kit.runCommand(new Decide(raise, Optional.empty()));
        controls.apply(START); // someone reset the gateway meanwhile

        kit.restart();

        assertThat(controls.current()).isEqualTo(raise.to());
        assertThat(limits()).isEqualTo(raise.to());
    }

    /** Asked with a probe of its own: {@link Limits} are the gateway's, replied locally, not serialized. */
    private Limits limits() {
        TestProbe<Limits> reply = TEST_KIT.createTestProbe();
        kit.runCommand(new Governor.GetLimits(reply.ref()));
        return reply.receiveMessage();
    }

    @Test
    void workThatIsTheEvaluatorsGoesToIt() {
        kit.runCommand(new Governor.Tick());

        evaluator.expectMessage(new Governor.Tick());
    }

    private Evaluation evaluate(int interactiveDemand, Limits current, Holds holds) {
        return evaluate(interactiveDemand, current, holds, NOW);
    }

    private Evaluation evaluate(int interactiveDemand, Limits current, Holds holds, Instant at) {
        Inputs inputs = new Inputs(
                at,
                new Demand(new LaneDemand(interactiveDemand, 0), new LaneDemand(1, 0)),
                50,
                Optional.empty(),
                Optional.empty());
        return policy.evaluate(inputs, current, holds, BOUNDS);
    }
}
