package io.dwpilot.agents.feed;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Source;

/**
 * One client's messages on their way out: a bounded queue that drops its oldest message when the client reads too
 * slowly, so the feed never waits for anyone, and tells the client how many it lost with a {@code dropped} notice.
 */
final class ClientQueue {
    private final int capacity;
    private final Predicate<FeedMessage> wanted;
    private final ArrayDeque<FeedMessage> queue = new ArrayDeque<>();
    private long dropped;
    private FeedMessage lastDropped;
    private CompletableFuture<Optional<FeedMessage>> waiting;
    private boolean closed;

    ClientQueue(int capacity, Predicate<FeedMessage> wanted) {
        this.capacity = capacity;
        this.wanted = wanted;
    }

    boolean wants(FeedMessage message) {
        return wanted.test(message);
    }

    /** Never blocks: hands the message to a waiting reader, queues it, or drops the oldest to make room. */
    void offer(FeedMessage message) {
        if (!wanted.test(message)) {
            return;
        }
        CompletableFuture<Optional<FeedMessage>> reader;
        synchronized (this) {
            if (closed) {
                return;
            }
            reader = waiting;
            waiting = null;
            if (reader == null) {
                if (queue.size() == capacity) {
                    lastDropped = queue.removeFirst();
                    dropped++;
                }
                queue.addLast(message);
                return;
            }
        }
        reader.complete(Optional.of(message));
    }

    /** Ends the client's stream once it has read what is queued. */
    void close() {
        CompletableFuture<Optional<FeedMessage>> reader;
        synchronized (this) {
            closed = true;
            reader = waiting;
            waiting = null;
        }
        if (reader != null) {
            reader.complete(Optional.empty());
        }
    }

    /** The client's stream: a dropped notice first when messages were lost, then the queued messages in order. */
    Source<FeedMessage, NotUsed> source() {
        return Source.unfoldAsync(this, q -> q.next().thenApply(m -> m.map(message -> Pair.create(q, message))));
    }

    private synchronized CompletionStage<Optional<FeedMessage>> next() {
        if (dropped > 0) {
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("count", dropped);
            FeedMessage notice = new FeedMessage(FeedMessage.DROPPED, lastDropped.seq(), lastDropped.at(), data);
            dropped = 0;
            return CompletableFuture.completedFuture(Optional.of(notice));
        }
        FeedMessage message = queue.pollFirst();
        if (message != null || closed) {
            return CompletableFuture.completedFuture(Optional.ofNullable(message));
        }
        waiting = new CompletableFuture<>();
        return waiting;
    }
}
