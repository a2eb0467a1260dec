package io.dwpilot.persistence.decisions;

import java.time.Instant;
import java.util.Objects;

/**
 * One agent decision as the read model {@code metadata.agent_decisions} keeps it: where it sits in the journal
 * (global {@code ordering}, persistence id and sequence number), who decided what and when, and the event itself as
 * JSON text.
 *
 * @param decidedAt   the agent's clock (workload time) when it decided
 * @param persistedAt when the journal wrote the event
 * @param event       the event as a JSON object (text)
 */
public record DecisionRow(
        long ordering,
        String persistenceId,
        long sequenceNr,
        String agent,
        String kind,
        String channel,
        Instant decidedAt,
        Instant persistedAt,
        String summary,
        String event) {
    public DecisionRow {
        Objects.requireNonNull(persistenceId, "persistenceId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(persistedAt, "persistedAt");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(event, "event");
    }
}
