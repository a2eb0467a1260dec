package io.dwpilot.agents.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.persistence.decisions.DecisionRow;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;

/** A decision event as the journal holds it: its global ordering, persistence id, sequence number and write time. */
public record PersistedDecision(
        long ordering, String persistenceId, long sequenceNr, Instant persistedAt, AgentDecision event) {
    public PersistedDecision {
        Objects.requireNonNull(persistenceId, "persistenceId");
        Objects.requireNonNull(persistedAt, "persistedAt");
        Objects.requireNonNull(event, "event");
    }

    /** The decision in a read journal envelope; empty for events under the tag that are not decisions. */
    public static Optional<PersistedDecision> of(EventEnvelope envelope) {
        if (!(envelope.event() instanceof AgentDecision decision) || !(envelope.offset() instanceof Sequence offset)) {
            return Optional.empty();
        }
        return Optional.of(new PersistedDecision(
                offset.value(),
                envelope.persistenceId(),
                envelope.sequenceNr(),
                Instant.ofEpochMilli(envelope.timestamp()),
                decision));
    }

    /** The mapper the journal serializes events with, so the read model and the feed show them as stored. */
    public static ObjectMapper mapper(ActorSystem<?> system) {
        return JacksonObjectMapperProvider.get(system).getOrCreate("jackson-json", Optional.empty());
    }

    public DecisionRow row(ObjectMapper mapper) {
        try {
            return new DecisionRow(
                    ordering,
                    persistenceId,
                    sequenceNr,
                    event.agent(),
                    event.kind().id(),
                    event.channel(),
                    event.at(),
                    persistedAt,
                    event.summary(),
                    mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.getClass().getName() + " as JSON", e);
        }
    }

    /** The decision as the feed and {@code replay --json} show it. */
    public ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("agent", event.agent());
        node.put("kind", event.kind().id());
        node.put("channel", event.channel());
        node.put("summary", event.summary());
        node.put("decidedAt", event.at().toString());
        node.put("persistedAt", persistedAt.toString());
        node.put("ordering", ordering);
        node.put("persistenceId", persistenceId);
        node.put("sequenceNr", sequenceNr);
        node.set("event", mapper.valueToTree(event));
        return node;
    }
}
