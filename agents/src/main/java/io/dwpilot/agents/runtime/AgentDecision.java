package io.dwpilot.agents.runtime;

import java.time.Instant;
import java.util.Set;

/**
 * What every decision event in the journal has in common, whichever agent made it: the live feed, the decision
 * read model and {@code dwpilot replay} read decisions through this view; the event itself (serialized as JSON)
 * carries the numbers. Implemented by the event records of the agents that decide; only record components are
 * serialized, so the methods below that are not components cost nothing in the journal.
 */
public interface AgentDecision extends JsonSerializable {
    /** Tag of every decision event of every agent. */
    String TAG = "decision";

    /** The agent that decided, e.g. {@code governor}. */
    String agent();

    /** When it decided, on the agents' clock (workload time). */
    Instant at();

    /** What kind of decision it is, e.g. {@link DecisionKind#LIMITS_CHANGED}. */
    DecisionKind kind();

    /** One line for people: what was decided and why, with the deciding numbers. */
    String summary();

    /** The live feed's message type for this event: {@code decision}, {@code anomaly}, {@code forecast} or {@code model}. */
    default String channel() {
        return "decision";
    }

    /** The tags of one agent's decision events: the shared tag and the agent's own. */
    static Set<String> tags(String agent) {
        return Set.of(TAG, agentTag(agent));
    }

    /** Tag of one agent's events. */
    static String agentTag(String agent) {
        return "agent-" + agent;
    }
}
