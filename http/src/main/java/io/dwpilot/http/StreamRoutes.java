package io.dwpilot.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessagesForProtocol;
import static org.apache.pekko.http.javadsl.server.Directives.parameterMap;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dwpilot.agents.feed.FeedMessage;
import io.dwpilot.agents.feed.LiveFeed;
import io.dwpilot.gateway.Caller;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * WebSocket {@code GET /api/v1/stream[?since=<seq>][&types=decision,anomaly]}: the live feed as text frames of JSON
 * {@code {type, seq, at, data}}. What the client sends is read and ignored (WebSocket pings are answered by the
 * server); the connection is kept alive by {@code pekko.http.server.websocket.periodic-keep-alive-max-idle}. A client
 * offering the subprotocol {@code dwpilot.v1} (the dashboard, see {@link Subprotocols}) gets it selected.
 */
public final class StreamRoutes {
    private final LiveFeed feed;

    public StreamRoutes(LiveFeed feed) {
        this.feed = feed;
    }

    /**
     * The route for an authenticated caller (authentication is wired by whoever mounts it), selecting the feed's
     * subprotocol when the client offered it. Its query messages are the caller's own statements unless it has the
     * workload view; metrics and decisions reach everyone.
     */
    Route route(Caller caller, Subprotocols offered) {
        return path(
                segment("api").slash("v1").slash("stream"),
                () -> get(() -> parameterMap(params -> {
                    OptionalLong since;
                    Set<String> types;
                    try {
                        since = since(params);
                        types = types(params);
                    } catch (IllegalArgumentException e) {
                        return complete(ApiErrors.badRequest(e.getMessage()));
                    }
                    Flow<Message, Message, NotUsed> flow = flow(since, types, caller);
                    return offered.offersFeed()
                            ? handleWebSocketMessagesForProtocol(flow, Subprotocols.FEED)
                            : handleWebSocketMessages(flow);
                })));
    }

    private Flow<Message, Message, NotUsed> flow(OptionalLong since, Set<String> types, Caller caller) {
        // read every incoming frame to its end (a streamed one would otherwise stall the connection), then drop it
        Sink<Message, NotUsed> ignored =
                Flow.<Message>create().flatMapConcat(StreamRoutes::parts).to(Sink.ignore());
        Source<Message, NotUsed> messages = feed.connect(since, types, caller).map(StreamRoutes::frame);
        return Flow.fromSinkAndSourceCoupled(ignored, messages);
    }

    private static Source<Object, NotUsed> parts(Message m) {
        Source<?, ?> parts = m.isText()
                ? m.asTextMessage().getStreamedText()
                : m.asBinaryMessage().getStreamedData();
        return parts.<Object>map(part -> part).mapMaterializedValue(mat -> NotUsed.getInstance());
    }

    private static Message frame(FeedMessage message) throws JsonProcessingException {
        return TextMessage.create(Json.MAPPER.writeValueAsString(message));
    }

    static OptionalLong since(Map<String, String> params) {
        Optional<String> value = QueryParameters.text(params, "since");
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long since = Long.parseLong(value.get());
            if (since < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(since);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("since must be a sequence number >= 0, got " + value.get());
        }
    }

    static Set<String> types(Map<String, String> params) {
        Set<String> types = QueryParameters.text(params, "types")
                .map(v -> Arrays.stream(v.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
        for (String type : types) {
            if (!FeedMessage.TYPES.contains(type)) {
                throw new IllegalArgumentException("types are a comma-separated list of "
                        + String.join(", ", FeedMessage.TYPES.stream().sorted().toList()) + "; got " + type);
            }
        }
        return types;
    }
}
