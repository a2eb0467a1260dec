package io.dwpilot.agents.gateway;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Limits of the front door: timeouts and row caps (a request may ask for less, never more), how many statements run
 * at once and how long one may wait for its turn before it is turned away.
 */
public record GatewaySettings(Duration defaultTimeout, Duration maxTimeout, int defaultMaxRows, int maxRows,
                              int maxConcurrent, Duration admissionWait, int logQueueCapacity, int logBatchSize,
                              Duration logFlushInterval, Duration planRefreshInterval) {

    public static GatewaySettings fromConfig(Config config) {
        Config g = config.getConfig("dwpilot.gateway");
        return new GatewaySettings(g.getDuration("default-timeout"), g.getDuration("max-timeout"),
                g.getInt("default-max-rows"), g.getInt("max-rows"), g.getInt("max-concurrent"),
                g.getDuration("admission-wait"), g.getInt("log.queue-capacity"), g.getInt("log.batch-size"),
                g.getDuration("log.flush-interval"), g.getDuration("plans.refresh-interval"));
    }

    Duration timeoutFor(QuerySubmission submission) {
        Duration asked = submission.timeout().orElse(defaultTimeout);
        return asked.compareTo(maxTimeout) > 0 ? maxTimeout : asked;
    }

    int maxRowsFor(QuerySubmission submission) {
        return Math.min(submission.maxRows().orElse(defaultMaxRows), maxRows);
    }
}
