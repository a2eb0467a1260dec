package io.dwpilot.agents.feed;

import io.dwpilot.agents.runtime.AgentDecision;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Source;

/** The journal's decisions as they stand now, for {@code dwpilot replay}: read through Pekko persistence query. */
public final class DecisionReplay {
    /** Which decisions to replay: decision time in [from, to), one agent, one kind. */
    public record Filter(Optional<Instant> from, Optional<Instant> to, Optional<String> agent, Optional<String> kind) {
        public boolean test(PersistedDecision d) {
            Instant at = d.event().at();
            return from.map(f -> !at.isBefore(f)).orElse(true)
                    && to.map(t -> at.isBefore(t)).orElse(true)
                    && agent.map(a -> a.equals(d.event().agent())).orElse(true)
                    && kind.map(k -> k.equals(d.event().kind().id())).orElse(true);
        }
    }

    private DecisionReplay() {}

    /** The matching decisions in journal order, up to the journal's current end; one agent's come by its own tag. */
    public static Source<PersistedDecision, NotUsed> current(ActorSystem<?> system, Filter filter) {
        JdbcReadJournal journal =
                PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        String tag = filter.agent().map(AgentDecision::agentTag).orElse(AgentDecision.TAG);
        return journal.currentEventsByTag(tag, Offset.noOffset())
                .map(PersistedDecision::of)
                .filter(Optional::isPresent)
                .map(Optional::get)
                .filter(filter::test);
    }
}
