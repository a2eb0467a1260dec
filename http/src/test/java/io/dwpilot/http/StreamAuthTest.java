package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dwpilot.agents.feed.FeedSettings;
import io.dwpilot.agents.feed.LiveFeed;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live feed's WebSocket as a browser opens it, with the JDK's WebSocket client: the token travels as a subprotocol
 * (a browser cannot set an Authorization header there) and the server selects dwpilot.v1; without tokens configured
 * the subprotocol is still selected. An analyst's feed carries only its own queries, an operator's everyone's.
 */
class StreamAuthTest {
    private static final String TOKEN = "stream-token-0123456789";
    private static final String BOB = "stream-bob-0123456789";
    private static final String OPERATOR = "stream-operator-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Database db;
    private static ActorSystem<Void> system;
    private static LiveFeed feed;
    private static FrontDoor secured;
    private static FrontDoor open;

    @BeforeAll
    static void start() {
        db = TestPostgres.newWarehouse("stream_auth");
        Config withTokens = ConfigFactory.parseString("dwpilot.http.auth.tokens = ["
                        + "{token = \"" + TOKEN + "\", user = tester, role = analyst},"
                        + "{token = \"" + BOB + "\", user = bob, role = analyst},"
                        + "{token = \"" + OPERATOR + "\", user = olga, role = operator}]")
                .withFallback(ConfigFactory.load());
        CompletableFuture<LiveFeed> started = new CompletableFuture<>();
        system = ActorSystem.create(
                Behaviors.setup(context -> {
                    started.complete(LiveFeed.start(
                            context,
                            context.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC), "topic"),
                            FeedSettings.fromConfig(withTokens.getConfig("dwpilot.agents.feed"))));
                    return Behaviors.empty();
                }),
                "stream-auth",
                withTokens);
        feed = started.join();
        secured = FrontDoor.start(withTokens, db, system, "127.0.0.1", 0, new Readiness(), agents());
        secured.gateway().subscribe(feed.queryListener());
        open = FrontDoor.start(ConfigFactory.load(), db, system, "127.0.0.1", 0, new Readiness(), agents());
    }

    private static Optional<FrontDoor.Agents> agents() {
        NoAgentControls none = new NoAgentControls();
        return Optional.of(new FrontDoor.Agents(() -> CompletableFuture.completedFuture(List.of()), none, none, feed));
    }

    @AfterAll
    static void stop() {
        secured.close();
        open.close();
        feed.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        db.close();
    }

    @Test
    void aBrowserSendsItsTokenAsASubprotocolAndGetsDwpilotV1AndTheQueriesWithTheirText() throws Exception {
        Frames frames = new Frames();
        WebSocket ws = connect(secured, "?types=query", frames, "dwpilot.v1", bearer(TOKEN));
        try {
            assertThat(ws.getSubprotocol()).isEqualTo("dwpilot.v1");
            skipHello(frames);
            String sql = "SELECT 42 AS answer, '" + "x".repeat(400) + "' AS pad";
            String body = Json.MAPPER.writeValueAsString(Map.of("sql", sql));
            // the feed registers the client a moment after the handshake: execute until a message arrives
            String frame = null;
            for (int attempt = 0; attempt < 20 && frame == null; attempt++) {
                ApiCalls.json(new ApiCalls(secured.port()).send("POST", "/api/v1/queries/execute", TOKEN, body), 200);
                frame = frames.messages.poll(500, TimeUnit.MILLISECONDS);
            }
            assertThat(frame).as("a query message").isNotNull();
            JsonNode message = Json.MAPPER.readTree(frame);
            assertThat(message.get("type").asText()).isEqualTo("query");
            assertThat(message.get("data").get("sql").asText()).hasSize(300).isEqualTo(sql.substring(0, 300));
            // whom the message is for stays on the server; the caller shows its user and role alone
            assertThat(message.has("owner")).isFalse();
            assertThat(message.get("data").get("caller").toString())
                    .isEqualTo("{\"userId\":\"tester\",\"role\":\"ANALYST\"}");
        } finally {
            ws.abort();
        }
    }

    @Test
    void anAnalystsFeedCarriesOnlyItsOwnQueriesAndAnOperatorsEveryones() throws Exception {
        Frames testers = new Frames();
        Frames olgas = new Frames();
        WebSocket tester = connect(secured, "?types=query", testers, "dwpilot.v1", bearer(TOKEN));
        WebSocket olga = connect(secured, "?types=query", olgas, "dwpilot.v1", bearer(OPERATOR));
        try {
            skipHello(testers);
            skipHello(olgas);
            List<JsonNode> testerSaw = new ArrayList<>();
            List<JsonNode> olgaSaw = new ArrayList<>();
            // the feed registers a client a moment after its handshake: run bob's and the tester's statements (bob's
            // first) until the tester got one of its own and the operator saw both users
            for (int attempt = 0;
                    attempt < 20 && !(seen(testerSaw, "tester") && seen(olgaSaw, "bob") && seen(olgaSaw, "tester"));
                    attempt++) {
                execute(BOB, "SELECT 'bob''s secret' AS s");
                execute(TOKEN, "SELECT 'the tester''s own' AS s");
                drain(testers, testerSaw, 500);
                drain(olgas, olgaSaw, 100);
            }
            drain(testers, testerSaw, 300);
            assertThat(seen(testerSaw, "tester"))
                    .as("the tester's own query message")
                    .isTrue();
            assertThat(testerSaw)
                    .extracting(m -> m.get("data").get("caller").get("userId").asText())
                    .containsOnly("tester");
            assertThat(testerSaw)
                    .extracting(m -> m.get("data").get("sql").asText())
                    .noneMatch(sql -> sql.contains("secret"));
            assertThat(seen(olgaSaw, "bob") && seen(olgaSaw, "tester"))
                    .as("the operator sees everyone's")
                    .isTrue();
        } finally {
            tester.abort();
            olga.abort();
        }
    }

    @Test
    void aWrongTokenIsRefusedWhereverItTravels() {
        assertThat(refusal(secured, "dwpilot.v1", bearer("wrong-token-0123456789")))
                .isEqualTo(401);
        assertThat(refusal(secured, "dwpilot.v1", "dwpilot.bearer.***not-base64***"))
                .isEqualTo(401);
        assertThat(refusal(secured, "dwpilot.v1")).isEqualTo(401);
    }

    @Test
    void anAuthorizationHeaderWinsOverTheSubprotocol() throws Exception {
        // the header is the caller's statement of who it is: a wrong one is not rescued by a right subprotocol
        CompletionStage<WebSocket> opening = HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer wrong-token-0123456789")
                .subprotocols("dwpilot.v1", bearer(TOKEN))
                .buildAsync(uri(secured, ""), new Frames());
        assertThat(statusOf(opening)).isEqualTo(401);
        WebSocket ws = HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + TOKEN)
                .buildAsync(uri(secured, ""), new Frames())
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEmpty();
        ws.abort();
    }

    @Test
    void withoutTokensTheSubprotocolIsSelectedAndPlainClientsWorkAsBefore() throws Exception {
        WebSocket browser = connect(open, "", new Frames(), "dwpilot.v1");
        assertThat(browser.getSubprotocol()).isEqualTo("dwpilot.v1");
        browser.abort();
        WebSocket withToken = connect(open, "", new Frames(), "dwpilot.v1", bearer("any-token-at-all-0123"));
        assertThat(withToken.getSubprotocol()).isEqualTo("dwpilot.v1");
        withToken.abort();
        WebSocket plain = connect(open, "", new Frames());
        assertThat(plain.getSubprotocol()).isEmpty();
        plain.abort();
    }

    private static void execute(String token, String sql) throws Exception {
        ApiCalls.json(
                new ApiCalls(secured.port())
                        .send(
                                "POST",
                                "/api/v1/queries/execute",
                                token,
                                Json.MAPPER.writeValueAsString(Map.of("sql", sql))),
                200);
    }

    /** Moves the frames that arrive within {@code millis} of each other into {@code into}, as JSON. */
    /** A connection without since starts with where the feed stands, whatever types it asked for. */
    private void skipHello(Frames frames) throws Exception {
        String frame = frames.messages.poll(10, TimeUnit.SECONDS);
        assertThat(frame).as("the hello").isNotNull();
        JsonNode hello = Json.MAPPER.readTree(frame);
        assertThat(hello.get("type").asText()).isEqualTo("hello");
        assertThat(hello.get("seq").asLong()).isBetween(0L, feed.lastSeq());
    }

    private static void drain(Frames frames, List<JsonNode> into, long millis) throws Exception {
        for (String frame = frames.messages.poll(millis, TimeUnit.MILLISECONDS);
                frame != null;
                frame = frames.messages.poll(millis, TimeUnit.MILLISECONDS)) {
            into.add(Json.MAPPER.readTree(frame));
        }
    }

    private static boolean seen(List<JsonNode> messages, String user) {
        return messages.stream()
                .anyMatch(
                        m -> m.get("data").get("caller").get("userId").asText().equals(user));
    }

    private static String bearer(String token) {
        return "dwpilot.bearer."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static URI uri(FrontDoor door, String query) {
        return URI.create("ws://127.0.0.1:" + door.port() + "/api/v1/stream" + query);
    }

    private static WebSocket connect(FrontDoor door, String query, Frames frames, String... subprotocols)
            throws Exception {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(uri(door, query), frames)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** The HTTP status a refused opening handshake answered. */
    private static int refusal(FrontDoor door, String first, String... more) {
        return statusOf(HTTP.newWebSocketBuilder().subprotocols(first, more).buildAsync(uri(door, ""), new Frames()));
    }

    private static int statusOf(CompletionStage<WebSocket> opening) {
        ExecutionException failed = (ExecutionException)
                catchThrowable(() -> opening.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertThat(failed).as("the handshake was refused").isNotNull();
        assertThat(failed.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failed.getCause()).getResponse().statusCode();
    }

    /** Collects whole text frames. */
    private static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
