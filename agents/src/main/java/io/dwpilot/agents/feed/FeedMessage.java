package io.dwpilot.agents.feed;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One message of the live feed, sent to clients as {@code {"type", "seq", "at", "data"}}. {@code seq} grows by one
 * per message of the feed (clients reconnect with {@code since=<last seq seen>}); {@code at} is workload time for
 * decisions, metrics and queries. Besides the {@link #TYPES}, a client may get two notices about itself:
 * {@code gap} (messages it asked for are no longer buffered, or the feed restarted) and {@code dropped} (it read too
 * slowly and lost messages); their {@code seq} is the last one they account for.
 */
public record FeedMessage(String type, long seq, Instant at, JsonNode data) {
    public static final String METRIC = "metric";
    public static final String QUERY = "query";
    public static final String GAP = "gap";
    public static final String DROPPED = "dropped";
    /** The types a client can ask for; decisions come as their event's channel. */
    public static final Set<String> TYPES = Set.of(METRIC, QUERY, "decision", "anomaly", "forecast", "model");

    public FeedMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(data, "data");
    }
}
