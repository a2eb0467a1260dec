package io.dwpilot.agents.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.gateway.QueryListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The live feed behind {@code /api/v1/stream}: agent decisions (typed by their channel), a metric message per
 * interval from the observer's workload snapshots, and executed queries, as {@link FeedMessage}s numbered in one
 * increasing sequence. Started once per actor system by the actor that assembles the agents (its metric relay is
 * that actor's child):
 * <pre>
 *   LiveFeed feed = LiveFeed.start(context, workloadTopic, settings);
 *   DecisionLog log = DecisionLog.start(system, decisions, blocking, settings, feed::decision);
 *   gateway.subscribe(feed.queryListener());
 * </pre>
 * then each client reads {@link #subscribe}. Nothing here ever blocks a producer: queries beyond the query buffer
 * and messages a slow client cannot take are dropped and counted.
 */
public final class LiveFeed implements AutoCloseable {
    private final FeedHub hub;
    private final ObjectMapper mapper;
    private final BoundedSourceQueue<QueryExecuted> queries;
    private final LongAdder droppedQueries = new LongAdder();
    private final ActorRef<MetricsRelay.Command> metrics;

    private LiveFeed(ActorContext<?> parent, ActorRef<Topic.Command<WorkloadSnapshot>> topic, FeedSettings settings) {
        ActorSystem<?> system = parent.getSystem();
        this.hub = new FeedHub(settings.replayBuffer(), settings.clientBuffer());
        this.mapper = PersistedDecision.mapper(system);
        this.queries = Source.<QueryExecuted>queue(settings.queryBuffer())
                .throttle(settings.queriesPerSecond(), Duration.ofSeconds(1))
                .to(Sink.foreach(e -> hub.publish(
                        FeedMessage.QUERY,
                        e.workloadTime(),
                        mapper.valueToTree(e),
                        Optional.of(e.caller().userId()))))
                .run(system);
        this.metrics = parent.spawnAnonymous(MetricsRelay.create(
                topic,
                settings.metricsInterval(),
                s -> hub.publish(FeedMessage.METRIC, s.at(), mapper.valueToTree(s), Optional.empty())));
    }

    /** Starts the feed; its metric relay is spawned as a child of {@code parent}, on the parent's thread. */
    public static LiveFeed start(
            ActorContext<?> parent, ActorRef<Topic.Command<WorkloadSnapshot>> topic, FeedSettings settings) {
        return new LiveFeed(parent, topic, settings);
    }

    /** For the gateway: hands each execution to the feed without waiting; a full buffer drops it and counts. */
    public QueryListener queryListener() {
        return event -> {
            if (!queries.offer(event).isEnqueued()) {
                droppedQueries.increment();
            }
        };
    }

    /** For the {@link DecisionLog}: a decision as soon as the read journal delivers it. */
    public void decision(PersistedDecision decision) {
        hub.publish(decision.event().channel(), decision.event().at(), decision.toJson(mapper), Optional.empty());
    }

    /**
     * One client's messages: those of the given types (all when empty) that {@code viewer} may see (queries: its own,
     * or everyone's with the workload view), live; with {@code since}, first those after that sequence number still
     * buffered, with a {@code gap} notice for any that are not.
     */
    public Source<FeedMessage, NotUsed> subscribe(OptionalLong since, Set<String> types, Caller viewer) {
        Set<String> wanted = Set.copyOf(types);
        return hub.subscribe(since, m -> (wanted.isEmpty() || wanted.contains(m.type())) && m.visibleTo(viewer));
    }

    /**
     * A connection's messages, as {@link #subscribe} gives them; without {@code since} they start with a {@code hello}
     * whose {@code seq} is where the feed stands, so that a client that loses the connection before any other message
     * still knows what to ask for when it comes back (without it, a reconnect would skip what happened meanwhile).
     */
    public Source<FeedMessage, NotUsed> connect(OptionalLong since, Set<String> types, Caller viewer) {
        if (since.isPresent()) {
            return subscribe(since, types, viewer);
        }
        // read before subscribing: a message published in between comes live, after a hello that does not cover it
        FeedMessage hello =
                new FeedMessage(FeedMessage.HELLO, hub.lastSeq(), Instant.now(), JsonNodeFactory.instance.objectNode());
        return Source.single(hello).concat(subscribe(since, types, viewer));
    }

    /** The sequence number of the latest message, 0 before the first. */
    public long lastSeq() {
        return hub.lastSeq();
    }

    /** Clients reading now. */
    public int clients() {
        return hub.clients();
    }

    /** Executions dropped because the query buffer was full. */
    public long droppedQueries() {
        return droppedQueries.sum();
    }

    /** Stops the metric relay and the query intake, and ends every client's stream. */
    @Override
    public void close() {
        metrics.tell(MetricsRelay.Stop.INSTANCE);
        queries.complete();
        hub.close();
    }
}
