package io.dwpilot.agents.feed;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import io.dwpilot.gateway.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One message of the live feed, sent to clients as {@code {"type", "seq", "at", "data"}}. {@code seq} grows by one
 * per message of the feed (clients reconnect with {@code since=<last seq seen>}); {@code at} is workload time for
 * decisions, metrics and queries. Besides the {@link #TYPES}, a client may get three notices about itself:
 * {@code hello} (first on a connection without {@code since}: where the feed stands), {@code gap} (messages it asked
 * for are no longer buffered, or the feed restarted) and {@code dropped} (it read too slowly and lost messages); their
 * {@code seq} is the last one they account for. {@code owner} (never sent) is the
 * user whose statement a query message shows: only that user and callers with the workload view see it.
 */
public record FeedMessage(
        String type,
        long seq,
        Instant at,
        JsonNode data,
        @JsonIgnore Optional<String> owner) {
    public static final String METRIC = "metric";
    public static final String QUERY = "query";
    public static final String GAP = "gap";
    public static final String DROPPED = "dropped";
    public static final String HELLO = "hello";
    /** The types a client can ask for; decisions come as their event's channel. */
    public static final Set<String> TYPES = Set.of(METRIC, QUERY, "decision", "anomaly", "forecast", "model");

    public FeedMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(owner, "owner");
    }

    /** A message for every client (metrics, decisions, notices). */
    public FeedMessage(String type, long seq, Instant at, JsonNode data) {
        this(type, seq, at, data, Optional.empty());
    }

    /** Whether {@code viewer} may see it: a message with an owner only that owner and the workload's viewers. */
    public boolean visibleTo(Caller viewer) {
        return owner.isEmpty() || viewer.mayViewWorkload() || owner.get().equals(viewer.userId());
    }
}
