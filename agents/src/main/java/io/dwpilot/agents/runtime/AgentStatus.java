package io.dwpilot.agents.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /api/v1/agents} shows for one agent: its state in words (e.g. {@code watching}, {@code warming up:
 * 12 of 288 buckets}), its last decision, and counters since it started (or since its journal began, for counters
 * kept in the agent's event-sourced state).
 */
public record AgentStatus(
        String agent,
        String state,
        Optional<String> lastDecision,
        Optional<Instant> lastDecisionAt,
        Map<String, Long> counters)
        implements JsonSerializable {
    public AgentStatus {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(state, "state");
        lastDecision = lastDecision == null ? Optional.empty() : lastDecision;
        lastDecisionAt = lastDecisionAt == null ? Optional.empty() : lastDecisionAt;
        counters = Map.copyOf(counters);
    }
}
