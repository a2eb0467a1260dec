package io.dwpilot.agents.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.runtime.AgentSwitch.Command;
import io.dwpilot.agents.runtime.AgentSwitch.GetMode;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.AgentSwitch.ModeView;
import io.dwpilot.agents.runtime.AgentSwitch.SetMode;
import io.dwpilot.persistence.Database;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/** Shared helpers of the tests that run the real pekko-persistence-jdbc plugin on PostgreSQL. */
final class JournalTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private JournalTestSupport() {}

    /** The agents' configuration pointed at a test warehouse (password is empty in tests). */
    static Config config(Database database) {
        return JournalConfig.overlay(database).withFallback(ConfigFactory.load());
    }

    static void setMode(ActorTestKit kit, ActorRef<Command> ref, Mode mode, String reason) {
        TestProbe<StatusReply<Done>> probe = kit.createTestProbe();
        ref.tell(new SetMode(mode, reason, probe.getRef()));
        StatusReply<Done> reply = probe.receiveMessage(TIMEOUT);
        assertThat(reply.isSuccess()).as("reply to SetMode " + mode).isTrue();
    }

    static ModeView getMode(ActorTestKit kit, ActorRef<Command> ref) {
        TestProbe<ModeView> probe = kit.createTestProbe();
        ref.tell(new GetMode(probe.getRef()));
        return probe.receiveMessage(TIMEOUT);
    }
}
