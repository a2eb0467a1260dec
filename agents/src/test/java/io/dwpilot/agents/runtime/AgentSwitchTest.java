package io.dwpilot.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.AgentSwitch.Command;
import io.dwpilot.agents.runtime.AgentSwitch.Event;
import io.dwpilot.agents.runtime.AgentSwitch.GetMode;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.AgentSwitch.ModeChanged;
import io.dwpilot.agents.runtime.AgentSwitch.ModeView;
import io.dwpilot.agents.runtime.AgentSwitch.SetMode;
import io.dwpilot.agents.runtime.AgentSwitch.State;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AgentSwitch against the in-memory journal, with the testkit's serialization round-trip checks on. */
class AgentSwitchTest {
    private static final Instant NOW = Instant.parse("2026-01-05T10:15:30Z");
    private static final ActorTestKit TEST_KIT = ActorTestKit.create(
            "agent-switch-test",
            PersistenceTestKitPlugin.getInstance()
                    .config()
                    .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
                    .withFallback(EventSourcedBehaviorTestKit.config())
                    .withFallback(ConfigFactory.load()));

    private EventSourcedBehaviorTestKit<Command, Event, State> kit;

    @BeforeEach
    void newKit() {
        kit = EventSourcedBehaviorTestKit.create(
                TEST_KIT.system(), AgentSwitch.create("indexer", Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void startsAutomatic() {
        CommandResultWithReply<Command, Event, State, ModeView> result = kit.runCommand(GetMode::new);
        assertThat(result.reply()).isEqualTo(new ModeView("indexer", Mode.AUTOMATIC, 0));
        assertThat(result.hasNoEvents()).isTrue();
    }

    @Test
    void switchingPersistsATaggedEventWithReasonAndTime() {
        CommandResultWithReply<Command, Event, State, StatusReply<Done>> result =
                kit.runCommand(replyTo -> new SetMode(Mode.RECOMMEND_ONLY, "operator asked", replyTo));
        assertThat(result.reply().isSuccess()).isTrue();
        assertThat(result.event()).isEqualTo(new ModeChanged("indexer", Mode.RECOMMEND_ONLY, "operator asked", NOW));
        assertThat(result.state()).isEqualTo(new State(Mode.RECOMMEND_ONLY, 1));
    }

    @Test
    void settingTheCurrentModeIsANoOpThatStillRepliesOk() {
        CommandResultWithReply<Command, Event, State, StatusReply<Done>> result =
                kit.runCommand(replyTo -> new SetMode(Mode.AUTOMATIC, "again", replyTo));
        assertThat(result.reply().isSuccess()).isTrue();
        assertThat(result.hasNoEvents()).isTrue();
        assertThat(result.state()).isEqualTo(State.initial());
    }

    @Test
    void stateSurvivesARestartIncludingTheSnapshot() {
        int switches = AgentSwitch.SNAPSHOT_EVERY + 3;
        for (int i = 0; i < switches; i++) {
            Mode mode = i % 2 == 0 ? Mode.RECOMMEND_ONLY : Mode.AUTOMATIC;
            kit.<StatusReply<Done>>runCommand(replyTo -> new SetMode(mode, "flip", replyTo));
        }
        State before = kit.getState();
        assertThat(before).isEqualTo(new State(Mode.RECOMMEND_ONLY, switches));
        assertThat(kit.restart().state()).isEqualTo(before);
    }

    @Test
    void tagsAreTheDecisionFeedAndTheAgent() {
        assertThat(AgentSwitch.persistenceId("indexer").id()).isEqualTo("AgentSwitch|indexer");
        assertThat(AgentDecision.agentTag("indexer")).isEqualTo("agent-indexer");
    }

    @Test
    void rejectsBadAgentNames() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> AgentSwitch.create(" ", clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgentSwitch.create("a|b", clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
