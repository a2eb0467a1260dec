package io.dwpilot.agents.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.agents.runtime.BlockingWork;
import io.dwpilot.persistence.decisions.DecisionRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Projects the journal's decision events into {@code metadata.agent_decisions} and hands each one to a listener
 * (the live feed) as soon as the read journal delivers it. It resumes after the highest ordering stored, writes in
 * batches with {@code ON CONFLICT DO NOTHING} (so a crash between write and resume duplicates nothing), and restarts
 * with backoff when the database or the journal fails.
 */
public final class DecisionLog implements AutoCloseable {
    private final UniqueKillSwitch killSwitch;
    private final CompletionStage<Done> done;

    private DecisionLog(UniqueKillSwitch killSwitch, CompletionStage<Done> done) {
        this.killSwitch = killSwitch;
        this.done = done;
    }

    /**
     * Starts the projection.
     *
     * @param blocking runs the JDBC work (never Pekko's default dispatcher)
     * @param listener hears each decision once per run, before it is stored; called on a stream thread, return fast
     */
    public static DecisionLog start(
            ActorSystem<?> system,
            DecisionRepository repository,
            Executor blocking,
            FeedSettings settings,
            Consumer<PersistedDecision> listener) {
        ObjectMapper mapper = PersistedDecision.mapper(system);
        JdbcReadJournal journal =
                PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        // a restart replays what was read but not stored: the listener has heard those already
        AtomicLong heardUpTo = new AtomicLong();
        Source<Done, NotUsed> projection = RestartSource.withBackoff(
                RestartSettings.create(settings.minBackoff(), settings.maxBackoff(), 0.2),
                () -> Source.completionStage(BlockingWork.supply(blocking, repository::maxOrdering))
                        .flatMapConcat(stored -> journal.eventsByTag(AgentDecision.TAG, Offset.sequence(stored)))
                        .map(PersistedDecision::of)
                        .filter(Optional::isPresent)
                        .map(Optional::get)
                        .map(decision -> {
                            if (decision.ordering() > heardUpTo.get()) {
                                heardUpTo.set(decision.ordering());
                                listener.accept(decision);
                            }
                            return decision;
                        })
                        .groupedWithin(settings.batchSize(), settings.batchWindow())
                        .mapAsync(1, batch -> store(repository, blocking, mapper, batch)));
        Pair<UniqueKillSwitch, CompletionStage<Done>> running = projection
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(Sink.ignore(), Keep.both())
                .run(system);
        return new DecisionLog(running.first(), running.second());
    }

    private static CompletionStage<Done> store(
            DecisionRepository repository, Executor blocking, ObjectMapper mapper, List<PersistedDecision> batch) {
        return BlockingWork.supply(blocking, () -> {
            repository.insert(batch.stream().map(d -> d.row(mapper)).toList());
            return Done.getInstance();
        });
    }

    /** Completes when the projection has stopped. */
    public CompletionStage<Done> done() {
        return done;
    }

    /** Stops the projection; batches already handed to the database finish. */
    @Override
    public void close() {
        killSwitch.shutdown();
    }
}
