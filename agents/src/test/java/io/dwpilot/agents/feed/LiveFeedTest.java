package io.dwpilot.agents.feed;

import static io.dwpilot.persistence.query.ExecutionStatus.OK;
import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentSwitch;
import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.gateway.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live feed in memory: numbering, types, metrics from the topic, queries and who sees them, replay with since, slow
 * clients.
 */
class LiveFeedTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    /** Sees every message: the workload view. */
    private static final Caller OPERATOR = new Caller("olga", Role.OPERATOR);
    /** A decision log that writes small batches and retries soon. */
    private static final FeedSettings QUICK = FeedSettings.defaults()
            .withDecisionLog(10, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(1));

    private static ActorTestKit kit;
    private static ActorRef<Topic.Command<WorkloadSnapshot>> topic;
    private LiveFeed feed;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("live-feed", ConfigFactory.load());
        topic = kit.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @AfterEach
    void closeFeed() {
        if (feed != null) {
            feed.close();
        }
    }

    private LiveFeed feed(int replayBuffer, int clientBuffer) {
        feed = startFeed(QUICK.withClientBuffers(replayBuffer, clientBuffer)
                .withQueries(100, 1000)
                .withMetricsInterval(Duration.ofMillis(100)));
        return feed;
    }

    /** A feed whose metric relay is the child of an actor of its own, as it is the guardian's in the server. */
    private static LiveFeed startFeed(FeedSettings settings) {
        CompletableFuture<LiveFeed> started = new CompletableFuture<>();
        kit.spawn(Behaviors.<Void>setup(context -> {
            started.complete(LiveFeed.start(context, topic, settings));
            return Behaviors.empty();
        }));
        return started.join();
    }

    private static PersistedDecision decision(long ordering, String reason) {
        return new PersistedDecision(
                ordering,
                "AgentSwitch|indexer",
                ordering,
                T0.plusMillis(ordering),
                new AgentSwitch.ModeChanged(
                        "indexer", AgentSwitch.Mode.RECOMMEND_ONLY, reason, T0.plusSeconds(ordering)));
    }

    private static QueryExecuted query(long id) {
        return query(id, new Caller("ann", Role.ANALYST));
    }

    private static QueryExecuted query(long id, Caller caller) {
        return new QueryExecuted(
                id,
                "fp",
                "select",
                List.of("gold.sales_summary"),
                List.of(),
                caller,
                OK,
                1.5,
                3,
                T0,
                Optional.of(T0.plusSeconds(id)));
    }

    private static WorkloadSnapshot snapshot(Instant at) {
        return new WorkloadSnapshot(at, 1, 2, 0, 0, 1.0, 2.0, 0, List.of(), Optional.empty());
    }

    private static List<FeedMessage> take(CompletionStage<List<FeedMessage>> messages) throws Exception {
        return messages.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyKindOfMessageGetsTheNextNumberAndClientsGetTheirTypes() throws Exception {
        LiveFeed feed = feed(100, 100);
        var all =
                feed.subscribe(OptionalLong.empty(), Set.of(), OPERATOR).take(3).runWith(Sink.seq(), kit.system());
        var decisionsOnly = feed.subscribe(OptionalLong.empty(), Set.of("decision"), OPERATOR)
                .take(1)
                .runWith(Sink.seq(), kit.system());
        awaitClients(2);

        feed.queryListener().onExecuted(query(7));
        awaitSeq(1);
        feed.decision(decision(41, "canary failed"));
        // the observer publishes faster than the interval: only the newest goes out
        topic.tell(Topic.publish(snapshot(T0)));
        topic.tell(Topic.publish(snapshot(T0.plusSeconds(1))));

        List<FeedMessage> messages = take(all);
        assertThat(messages).extracting(FeedMessage::seq).containsExactly(1L, 2L, 3L);
        assertThat(messages).extracting(FeedMessage::type).containsExactly("query", "decision", "metric");
        assertThat(messages.get(0).at()).isEqualTo(T0.plusSeconds(7));
        assertThat(messages.get(0).data().get("queryId").asLong()).isEqualTo(7);
        FeedMessage d = messages.get(1);
        assertThat(d.at()).isEqualTo(T0.plusSeconds(41));
        assertThat(d.data().get("agent").asText()).isEqualTo("indexer");
        assertThat(d.data().get("kind").asText()).isEqualTo("mode_changed");
        assertThat(d.data().get("summary").asText()).isEqualTo("indexer switched to recommend-only: canary failed");
        assertThat(d.data().get("ordering").asLong()).isEqualTo(41);
        assertThat(d.data().get("event").get("reason").asText()).isEqualTo("canary failed");
        assertThat(messages.get(2).data().get("at").asText())
                .isEqualTo(T0.plusSeconds(1).toString());
        assertThat(take(decisionsOnly)).extracting(FeedMessage::seq).containsExactly(2L);

        Thread.sleep(300); // no further metric message without a new snapshot
        assertThat(feed.lastSeq()).isEqualTo(3);
    }

    @Test
    void anAnalystSeesOnlyItsOwnQueriesLiveAndReplayedAndEveryoneSeesDecisions() throws Exception {
        LiveFeed feed = feed(100, 100);
        Caller ann = new Caller("ann", Role.ANALYST);
        Caller bob = new Caller("bob", Role.ANALYST);
        var annLive =
                feed.subscribe(OptionalLong.empty(), Set.of(), ann).take(2).runWith(Sink.seq(), kit.system());
        var bobLive =
                feed.subscribe(OptionalLong.empty(), Set.of(), bob).take(2).runWith(Sink.seq(), kit.system());
        var operatorLive =
                feed.subscribe(OptionalLong.empty(), Set.of(), OPERATOR).take(3).runWith(Sink.seq(), kit.system());
        awaitClients(3);

        feed.queryListener().onExecuted(query(1, ann));
        awaitSeq(1);
        feed.queryListener().onExecuted(query(2, bob));
        awaitSeq(2);
        feed.decision(decision(3, "everyone's"));

        assertThat(take(annLive)).extracting(FeedMessage::seq).containsExactly(1L, 3L);
        List<FeedMessage> bobs = take(bobLive);
        assertThat(bobs).extracting(FeedMessage::seq).containsExactly(2L, 3L);
        assertThat(bobs.get(0).data().get("caller").get("userId").asText()).isEqualTo("bob");
        assertThat(take(operatorLive)).extracting(FeedMessage::seq).containsExactly(1L, 2L, 3L);
        // a reconnecting analyst's replay is as filtered as its live messages
        var annReplay =
                feed.subscribe(OptionalLong.of(0), Set.of("query"), ann).take(1).runWith(Sink.seq(), kit.system());
        assertThat(take(annReplay)).extracting(FeedMessage::seq).containsExactly(1L);

        // on the wire a query shows its caller's user and role, never its owner or privileges
        String wire = PersistedDecision.mapper(kit.system()).writeValueAsString(bobs.get(0));
        assertThat(wire)
                .doesNotContain("owner")
                .doesNotContain("mayViewWorkload")
                .doesNotContain("admin");
        assertThat(PersistedDecision.mapper(kit.system())
                        .readTree(wire)
                        .get("data")
                        .get("caller")
                        .properties())
                .extracting(java.util.Map.Entry::getKey)
                .containsExactly("userId", "role");
    }

    @Test
    void aReconnectingClientGetsWhatItMissedThenLiveMessagesAndAGapWhenTheBufferLostSome() throws Exception {
        LiveFeed feed = feed(5, 100);
        for (long i = 1; i <= 8; i++) {
            feed.decision(decision(i, "r" + i));
        }
        var fromTwo =
                feed.subscribe(OptionalLong.of(1), Set.of(), OPERATOR).take(7).runWith(Sink.seq(), kit.system());
        var fromSix =
                feed.subscribe(OptionalLong.of(6), Set.of(), OPERATOR).take(3).runWith(Sink.seq(), kit.system());
        var afterRestart =
                feed.subscribe(OptionalLong.of(500), Set.of(), OPERATOR).take(6).runWith(Sink.seq(), kit.system());
        // Subscribing registers a client at once. The client after the restart takes six messages, all of them
        // already buffered, so it ends and leaves on its own: waiting for two clients waits for exactly that (a wait
        // for three raced with it).
        awaitClients(2);
        feed.decision(decision(9, "r9"));

        List<FeedMessage> missedSome = take(fromTwo);
        assertThat(missedSome.get(0).type()).isEqualTo(FeedMessage.GAP);
        assertThat(missedSome.get(0).seq()).isEqualTo(3);
        assertThat(missedSome.get(0).data().get("from").asLong()).isEqualTo(2);
        assertThat(missedSome.get(0).data().get("to").asLong()).isEqualTo(3);
        assertThat(missedSome.subList(1, 7)).extracting(FeedMessage::seq).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);

        assertThat(take(fromSix)).extracting(FeedMessage::seq).containsExactly(7L, 8L, 9L);

        List<FeedMessage> restarted = take(afterRestart);
        assertThat(restarted.get(0).type()).isEqualTo(FeedMessage.GAP);
        assertThat(restarted.get(0).data().get("reason").asText()).isEqualTo("restarted");
        assertThat(restarted.get(1).type()).isEqualTo(FeedMessage.GAP);
        assertThat(restarted.subList(2, 6)).extracting(FeedMessage::seq).containsExactly(4L, 5L, 6L, 7L);
    }

    @Test
    void aConnectionWithoutSinceLearnsWhereTheFeedStandsSoThatADropBeforeItsFirstMessageLosesNothing()
            throws Exception {
        LiveFeed feed = feed(10, 100);
        feed.decision(decision(1, "before"));
        feed.decision(decision(2, "before"));
        // connected, told where the feed stands, then dropped before anything else came
        List<FeedMessage> first = take(feed.connect(OptionalLong.empty(), Set.of("decision"), OPERATOR)
                .take(1)
                .runWith(Sink.seq(), kit.system()));
        assertThat(first).extracting(FeedMessage::type).containsExactly(FeedMessage.HELLO);
        long position = first.get(0).seq();
        assertThat(position).isEqualTo(2);
        feed.decision(decision(3, "while away"));
        // back with since=<the hello's seq>: what happened meanwhile, and no second hello
        List<FeedMessage> back = take(feed.connect(OptionalLong.of(position), Set.of(), OPERATOR)
                .take(1)
                .runWith(Sink.seq(), kit.system()));
        assertThat(back).extracting(FeedMessage::seq).containsExactly(3L);
        assertThat(back.get(0).data().get("event").get("reason").asText()).isEqualTo("while away");
    }

    @Test
    void aSlowClientLosesItsOldestMessagesWithANoticeAndNeverHoldsUpTheOthers() throws Exception {
        int published = 300;
        LiveFeed feed = feed(10, 20);
        SinkQueueWithCancel<FeedMessage> slow =
                feed.subscribe(OptionalLong.empty(), Set.of(), OPERATOR).runWith(Sink.queue(), kit.system());
        List<FeedMessage> fast = new CopyOnWriteArrayList<>();
        feed.subscribe(OptionalLong.empty(), Set.of(), OPERATOR).runForeach(fast::add, kit.system());
        awaitClients(2);

        for (long i = 1; i <= published; i++) {
            feed.decision(decision(i, "r" + i));
            long seq = i;
            await(() -> !fast.isEmpty() && fast.get(fast.size() - 1).seq() == seq);
        }
        assertThat(fast).extracting(FeedMessage::seq).hasSize(published).isSorted();
        assertThat(fast).extracting(FeedMessage::type).containsOnly("decision");

        List<FeedMessage> slowMessages = new ArrayList<>();
        while (slowMessages.isEmpty()
                || slowMessages.get(slowMessages.size() - 1).seq() < published) {
            slowMessages.add(
                    slow.pull().toCompletableFuture().get(5, TimeUnit.SECONDS).orElseThrow());
        }
        long droppedCount = slowMessages.stream()
                .filter(m -> m.type().equals(FeedMessage.DROPPED))
                .mapToLong(m -> m.data().get("count").asLong())
                .sum();
        long delivered =
                slowMessages.stream().filter(m -> m.type().equals("decision")).count();
        assertThat(droppedCount).isPositive();
        assertThat(delivered + droppedCount).isEqualTo(published);
        assertThat(slowMessages.subList(slowMessages.size() - 20, slowMessages.size()))
                .extracting(FeedMessage::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(published - 19, published)
                        .boxed()
                        .toList());
        slow.cancel();
    }

    @Test
    void aFullQueryBufferDropsAndCountsWithoutWaiting() {
        LiveFeed feed = startFeed(QUICK.withClientBuffers(10, 10).withQueries(5, 1));
        this.feed = feed;
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            feed.queryListener().onExecuted(query(i));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        assertThat(feed.droppedQueries()).isGreaterThanOrEqualTo(90);
    }

    private void awaitClients(int count) throws InterruptedException {
        await(() -> feed.clients() == count);
    }

    private void awaitSeq(long seq) throws InterruptedException {
        await(() -> feed.lastSeq() >= seq);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
