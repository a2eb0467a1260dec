package io.dwpilot.agents.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Numbers the feed's messages, keeps the latest for reconnecting clients and fans them out to every client's own
 * queue. Numbering, buffering and fan-out happen under one lock, so every client sees the messages in sequence order
 * and a reconnecting client's replay joins its live messages without a gap or a duplicate.
 */
final class FeedHub {
    private final int replayCapacity;
    private final int clientCapacity;
    private final ArrayDeque<FeedMessage> recent = new ArrayDeque<>();
    private final Set<ClientQueue> clients = new HashSet<>();
    private long seq;
    private boolean closed;

    FeedHub(int replayCapacity, int clientCapacity) {
        this.replayCapacity = replayCapacity;
        this.clientCapacity = clientCapacity;
    }

    /** Publishes a message; one with an {@code owner} reaches only the clients that may see it. */
    synchronized void publish(String type, Instant at, JsonNode data, Optional<String> owner) {
        if (closed) {
            return;
        }
        FeedMessage message = new FeedMessage(type, ++seq, at, data, owner);
        if (replayCapacity > 0) {
            if (recent.size() == replayCapacity) {
                recent.removeFirst();
            }
            recent.addLast(message);
        }
        for (ClientQueue client : clients) {
            client.offer(message);
        }
    }

    /**
     * A new client's stream of the wanted messages: with {@code since}, first the buffered messages after it (a
     * {@code gap} notice when some are gone), then live ones; without, live ones only. Cancelling it unsubscribes.
     */
    Source<FeedMessage, NotUsed> subscribe(OptionalLong since, Predicate<FeedMessage> wanted) {
        ClientQueue client = new ClientQueue(clientCapacity, wanted);
        List<FeedMessage> missed;
        synchronized (this) {
            missed = since.isPresent() ? missedSince(since.getAsLong(), client) : List.of();
            if (closed) {
                client.close();
            } else {
                clients.add(client);
            }
        }
        return Source.from(missed).concat(client.source()).watchTermination((notUsed, done) -> {
            done.whenComplete((ok, failure) -> unsubscribe(client));
            return notUsed;
        });
    }

    private List<FeedMessage> missedSince(long since, ClientQueue client) {
        List<FeedMessage> out = new ArrayList<>();
        long after = since;
        if (since > seq) {
            // a number this feed never gave out: the client saw an earlier run of it, before a restart
            out.add(gap(0, JsonNodeFactory.instance.objectNode().put("reason", "restarted")));
            after = 0;
        }
        long oldest = recent.isEmpty() ? seq + 1 : recent.peekFirst().seq();
        if (after + 1 < oldest) {
            out.add(gap(
                    oldest - 1,
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("reason", "expired")
                            .put("from", after + 1)
                            .put("to", oldest - 1)));
        }
        for (FeedMessage m : recent) {
            if (m.seq() > after && client.wants(m)) {
                out.add(m);
            }
        }
        return out;
    }

    private static FeedMessage gap(long seq, ObjectNode data) {
        return new FeedMessage(FeedMessage.GAP, seq, Instant.now(), data);
    }

    private synchronized void unsubscribe(ClientQueue client) {
        clients.remove(client);
    }

    synchronized long lastSeq() {
        return seq;
    }

    synchronized int clients() {
        return clients.size();
    }

    /** Ends every client's stream after what it has queued; later messages are ignored. */
    synchronized void close() {
        closed = true;
        clients.forEach(ClientQueue::close);
        clients.clear();
    }
}
