package io.dwpilot.agents.feed;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * The live feed's and decision log's settings ({@code dwpilot.agents.feed}).
 *
 * @param replayBuffer     messages kept for clients that reconnect with {@code since}
 * @param clientBuffer     messages waiting for one slow client before the oldest are dropped
 * @param queryBuffer      executions waiting to enter the feed before new ones are dropped (never blocks queries)
 * @param queriesPerSecond query messages the feed passes on per second at most
 * @param metricsInterval  how often a metric message goes out (when the observer published a new snapshot)
 * @param batchSize        decisions written to the read model in one round trip at most
 * @param batchWindow      how long the decision log waits to fill a batch
 * @param minBackoff       first pause before the decision log restarts after a failure (e.g. the database went away)
 * @param maxBackoff       longest such pause
 */
public record FeedSettings(
        int replayBuffer,
        int clientBuffer,
        int queryBuffer,
        int queriesPerSecond,
        Duration metricsInterval,
        int batchSize,
        Duration batchWindow,
        Duration minBackoff,
        Duration maxBackoff) {
    public FeedSettings {
        if (replayBuffer < 0 || clientBuffer < 1 || queryBuffer < 1 || queriesPerSecond < 1 || batchSize < 1) {
            throw new IllegalArgumentException("dwpilot.agents.feed: buffers, rate and batch size must be positive");
        }
    }

    /** From the {@code dwpilot.agents.feed} block. */
    public static FeedSettings fromConfig(Config feed) {
        return new FeedSettings(
                feed.getInt("replay-buffer"),
                feed.getInt("client-buffer"),
                feed.getInt("query-buffer"),
                feed.getInt("queries-per-second"),
                feed.getDuration("metrics-interval"),
                feed.getInt("decision-log.batch-size"),
                feed.getDuration("decision-log.batch-window"),
                feed.getDuration("decision-log.min-backoff"),
                feed.getDuration("decision-log.max-backoff"));
    }

    /** The defaults of the agents' reference.conf. */
    public static FeedSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference().getConfig("dwpilot.agents.feed"));
    }

    /** What is kept for reconnecting clients, and for one slow client. */
    public FeedSettings withClientBuffers(int newReplayBuffer, int newClientBuffer) {
        return new FeedSettings(
                newReplayBuffer,
                newClientBuffer,
                queryBuffer,
                queriesPerSecond,
                metricsInterval,
                batchSize,
                batchWindow,
                minBackoff,
                maxBackoff);
    }

    /** Executions waiting to enter the feed, and the query messages it passes on per second. */
    public FeedSettings withQueries(int newQueryBuffer, int newQueriesPerSecond) {
        return new FeedSettings(
                replayBuffer,
                clientBuffer,
                newQueryBuffer,
                newQueriesPerSecond,
                metricsInterval,
                batchSize,
                batchWindow,
                minBackoff,
                maxBackoff);
    }

    public FeedSettings withMetricsInterval(Duration newMetricsInterval) {
        return new FeedSettings(
                replayBuffer,
                clientBuffer,
                queryBuffer,
                queriesPerSecond,
                newMetricsInterval,
                batchSize,
                batchWindow,
                minBackoff,
                maxBackoff);
    }

    /** How the decision log batches its writes and backs off after a failure. */
    public FeedSettings withDecisionLog(
            int newBatchSize, Duration newBatchWindow, Duration newMinBackoff, Duration newMaxBackoff) {
        return new FeedSettings(
                replayBuffer,
                clientBuffer,
                queryBuffer,
                queriesPerSecond,
                metricsInterval,
                newBatchSize,
                newBatchWindow,
                newMinBackoff,
                newMaxBackoff);
    }
}
