package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.feed.DecisionLog;
import io.dwpilot.agents.feed.FeedSettings;
import io.dwpilot.agents.feed.LiveFeed;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.AgentSwitch;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agents' API through the assembled front door with bearer tokens, on the real JDBC journal: the WebSocket feed
 * delivers a persisted decision within a second, the decisions endpoint pages what the decision log stored, and
 * GET /api/v1/agents shows what the agent directory answers.
 */
class AgentApiTest {
    private static final String TOKEN = "feed-test-token-0123456789";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final AgentStatus GOVERNOR = new AgentStatus(
            "governor",
            "watching",
            Optional.of("limits raised"),
            Optional.of(Instant.parse("2026-03-01T10:00:00Z")),
            Map.of("decisions", 3L));
    private static Database db;
    private static ActorSystem<Void> system;
    private static ExecutorService blocking;
    private static LiveFeed feed;
    private static DecisionLog decisionLog;
    private static FrontDoor frontDoor;
    private static ActorRef<AgentSwitch.Command> indexer;

    @BeforeAll
    static void start() {
        db = TestPostgres.newWarehouse("agent_api");
        Config config = ConfigFactory.parseString(
                        "dwpilot.http.auth.tokens = [{token = \"" + TOKEN + "\", user = tester, role = analyst}]")
                .withFallback(JournalConfig.overlay(db))
                .withFallback(ConfigFactory.load());
        FeedSettings settings = FeedSettings.fromConfig(config.getConfig("dwpilot.agents.feed"));
        CompletableFuture<Spawned> spawned = new CompletableFuture<>();
        system = ActorSystem.create(
                Behaviors.setup(context -> {
                    LiveFeed live = LiveFeed.start(
                            context,
                            context.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC), "topic"),
                            settings);
                    spawned.complete(new Spawned(
                            live, context.spawn(AgentSwitch.create("indexer", Clock.systemUTC()), "indexer")));
                    return Behaviors.empty();
                }),
                "agent-api",
                config);
        feed = spawned.join().feed();
        indexer = spawned.join().indexer();
        blocking = Executors.newFixedThreadPool(2);
        decisionLog =
                DecisionLog.start(system, new DecisionRepository(db.systemPool()), blocking, settings, feed::decision);
        NoAgentControls none = new NoAgentControls();
        frontDoor = FrontDoor.start(
                config,
                db,
                system,
                "127.0.0.1",
                0,
                new Readiness(),
                Optional.of(new FrontDoor.Agents(
                        () -> CompletableFuture.completedFuture(List.of(GOVERNOR)), none, none, feed)));
    }

    /** What the test system's root spawns: the feed (with its metric relay) and an indexer's switch. */
    private record Spawned(LiveFeed feed, ActorRef<AgentSwitch.Command> indexer) {}

    @AfterAll
    static void stop() {
        frontDoor.close();
        decisionLog.close();
        feed.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        blocking.shutdownNow();
        db.close();
    }

    @Test
    void aWebSocketClientReceivesADecisionWithinASecondOfItsPersistence() throws Exception {
        BlockingQueue<Pair<Long, String>> received = new LinkedBlockingQueue<>();
        Materializer materializer = Materializer.matFromSystem(system);
        Flow<Message, Message, CompletableFuture<Optional<Message>>> client = Flow.fromSinkAndSourceMat(
                Flow.<Message>create()
                        .mapAsync(1, m -> m.asTextMessage().toStrict(TIMEOUT.toMillis(), materializer))
                        .to(Sink.foreach(m -> received.add(Pair.create(System.nanoTime(), m.getStrictText())))),
                Source.maybe(),
                Keep.right());
        Pair<java.util.concurrent.CompletionStage<WebSocketUpgradeResponse>, CompletableFuture<Optional<Message>>> ws =
                Http.get(system)
                        .singleWebSocketRequest(
                                WebSocketRequest.create(
                                                "ws://127.0.0.1:" + frontDoor.port() + "/api/v1/stream?types=decision")
                                        .addHeader(Authorization.oauth2(TOKEN)),
                                client,
                                materializer);
        try {
            WebSocketUpgradeResponse upgrade = ws.first().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(upgrade.response().status().intValue()).isEqualTo(101);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (feed.clients() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }

            // a connection without since first learns where the feed stands, whatever types it asked for
            Pair<Long, String> hello = received.poll(5, TimeUnit.SECONDS);
            assertThat(hello).as("the hello").isNotNull();
            JsonNode helloJson = Json.MAPPER.readTree(hello.second());
            assertThat(helloJson.get("type").asText()).isEqualTo("hello");
            long lastSeq = helloJson.get("seq").asLong();
            assertThat(lastSeq).isBetween(0L, feed.lastSeq());

            Mode[] modes = {Mode.RECOMMEND_ONLY, Mode.AUTOMATIC, Mode.RECOMMEND_ONLY};
            for (int i = 0; i < modes.length; i++) {
                long persisted = setMode(modes[i], "change " + i);
                Pair<Long, String> message = received.poll(5, TimeUnit.SECONDS);
                assertThat(message).as("decision " + i + " on the WebSocket").isNotNull();
                Duration latency = Duration.ofNanos(message.first() - persisted);
                assertThat(latency).as("persisted to received").isLessThan(Duration.ofSeconds(1));
                JsonNode json = Json.MAPPER.readTree(message.second());
                assertThat(json.get("type").asText()).isEqualTo("decision");
                assertThat(json.get("seq").asLong()).isGreaterThan(lastSeq);
                lastSeq = json.get("seq").asLong();
                assertThat(json.get("data").get("agent").asText()).isEqualTo("indexer");
                assertThat(json.get("data").get("event").get("reason").asText()).isEqualTo("change " + i);
                assertThat(json.get("at").asText())
                        .isEqualTo(json.get("data").get("decidedAt").asText());
            }
        } finally {
            ws.second().complete(Optional.empty());
        }

        // the same decisions, stored by the decision log, through the paged API
        JsonNode page = awaitDecisions("agent=indexer&size=2", 3);
        assertThat(page.get("items")).hasSize(2);
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("kind").asText()).isEqualTo("mode_changed");
        assertThat(newest.get("channel").asText()).isEqualTo("decision");
        assertThat(newest.get("sequenceNr").asLong()).isEqualTo(3);
        assertThat(newest.get("event").get("mode").asText()).isEqualTo("RECOMMEND_ONLY");
        assertThat(newest.get("summary").asText()).isEqualTo("indexer switched to recommend-only: change 2");
        assertThat(get("/api/v1/agents/decisions?agent=indexer&page=1&size=2", TOKEN)
                        .body())
                .contains("\"sequenceNr\":1")
                .doesNotContain("\"sequenceNr\":2");
        assertThat(Json.MAPPER
                        .readTree(get("/api/v1/agents/decisions?agent=governor", TOKEN)
                                .body())
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(Json.MAPPER
                        .readTree(get(
                                        "/api/v1/agents/decisions?kind=mode_changed&channel=decision&from="
                                                + Instant.now().minusSeconds(600) + "&to="
                                                + Instant.now().plusSeconds(600),
                                        TOKEN)
                                .body())
                        .get("total")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void theAgentsStatusesComeFromTheDirectory() throws Exception {
        HttpResponse<String> r = get("/api/v1/agents", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode agent = Json.MAPPER.readTree(r.body()).get("agents").get(0);
        assertThat(agent.get("agent").asText()).isEqualTo("governor");
        assertThat(agent.get("state").asText()).isEqualTo("watching");
        assertThat(agent.get("lastDecision").asText()).isEqualTo("limits raised");
        assertThat(agent.get("lastDecisionAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(agent.get("counters").get("decisions").asLong()).isEqualTo(3);
    }

    @Test
    void everyAgentEndpointNeedsATokenAndChecksItsParameters() throws Exception {
        assertThat(get("/api/v1/agents", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/agents/decisions", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/stream", null).statusCode()).isEqualTo(401);
        WebSocketUpgradeResponse refused = Http.get(system)
                .singleWebSocketRequest(
                        WebSocketRequest.create("ws://127.0.0.1:" + frontDoor.port() + "/api/v1/stream"),
                        Flow.fromSinkAndSource(Sink.ignore(), Source.maybe()),
                        Materializer.matFromSystem(system))
                .first()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(refused.response().status().intValue()).isEqualTo(401);

        HttpResponse<String> badSize = get("/api/v1/agents/decisions?size=0", TOKEN);
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(badSize.body()).contains("size must be 1..500");
        assertThat(get("/api/v1/agents/decisions?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", TOKEN)
                        .body())
                .contains("from must be before to");
        assertThat(get("/api/v1/agents/decisions?from=yesterday", TOKEN).statusCode())
                .isEqualTo(400);
        HttpResponse<String> badTypes = get("/api/v1/stream?types=decision,gossip", TOKEN);
        assertThat(badTypes.statusCode()).isEqualTo(400);
        assertThat(badTypes.body()).contains("gossip");
        assertThat(get("/api/v1/stream?since=-1", TOKEN).statusCode()).isEqualTo(400);
        // a plain GET of the stream is not a WebSocket upgrade
        assertThat(get("/api/v1/stream", TOKEN).statusCode()).isEqualTo(400);
    }

    /** Persists a mode change and answers when its reply arrived (System.nanoTime). */
    private static long setMode(Mode mode, String reason) throws Exception {
        StatusReply<Done> reply = AskPattern.<AgentSwitch.Command, StatusReply<Done>>ask(
                        indexer, replyTo -> new AgentSwitch.SetMode(mode, reason, replyTo), TIMEOUT, system.scheduler())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        long repliedAt = System.nanoTime();
        assertThat(reply.isSuccess()).isTrue();
        return repliedAt;
    }

    private static JsonNode awaitDecisions(String query, long total) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode page = Json.MAPPER.readTree(
                    get("/api/v1/agents/decisions?" + query, TOKEN).body());
            if (page.get("total").asLong() >= total || System.nanoTime() > deadline) {
                assertThat(page.get("total").asLong()).isEqualTo(total);
                return page;
            }
            Thread.sleep(50);
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontDoor.port() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
