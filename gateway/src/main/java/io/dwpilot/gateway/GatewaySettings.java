package io.dwpilot.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the front door: timeouts and row caps (a request may ask for less, never more), the byte cap of a result,
 * how many statements of
 * each lane run at once and how long one may wait for its turn before it is turned away, the cost from which a
 * fingerprint counts as heavy, and the hard bounds within which the governor may move the limits at run time.
 * {@code maxConcurrent} and {@code admissionWait} are the interactive lane's.
 */
public record GatewaySettings(
        Duration defaultTimeout,
        Duration maxTimeout,
        int defaultMaxRows,
        int maxRows,
        long maxResultBytes,
        int maxConcurrent,
        Duration admissionWait,
        int logQueueCapacity,
        int logBatchSize,
        Duration logFlushInterval,
        Duration planRefreshInterval,
        HeavyLane heavy,
        Duration heavyThreshold,
        LimitBounds bounds,
        AdmissionQueues queues) {

    /** The heavy lane's starting limit, its wait, and the work_mem its statements run with (0: the server's). */
    public record HeavyLane(int maxConcurrent, Duration admissionWait, int workMemMb) {}

    public GatewaySettings {
        Objects.requireNonNull(heavy, "heavy");
        Objects.requireNonNull(heavyThreshold, "heavyThreshold");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(queues, "queues");
        if (maxResultBytes < 1) {
            throw new IllegalArgumentException(
                    "dwpilot.gateway.max-result-bytes must be positive, got " + maxResultBytes);
        }
        if (maxConcurrent < 1 || heavy.maxConcurrent() < 1 || heavy.workMemMb() < 0) {
            throw new IllegalArgumentException("lane limits must be at least 1 and work_mem not negative");
        }
    }

    public static GatewaySettings fromConfig(Config config) {
        Config g = config.getConfig("dwpilot.gateway");
        Config b = g.getConfig("bounds");
        return new GatewaySettings(
                g.getDuration("default-timeout"),
                g.getDuration("max-timeout"),
                g.getInt("default-max-rows"),
                g.getInt("max-rows"),
                g.getBytes("max-result-bytes"),
                g.getInt("max-concurrent"),
                g.getDuration("admission-wait"),
                g.getInt("log.queue-capacity"),
                g.getInt("log.batch-size"),
                g.getDuration("log.flush-interval"),
                g.getDuration("plans.refresh-interval"),
                new HeavyLane(
                        g.getInt("heavy.max-concurrent"),
                        g.getDuration("heavy.admission-wait"),
                        g.getInt("heavy.work-mem-mb")),
                g.getDuration("heavy.threshold"),
                new LimitBounds(
                        range(b, "interactive"), range(b, "heavy"), range(b, "pool-size"), range(b, "work-mem-mb")),
                new AdmissionQueues(
                        g.getInt("queue.interactive-capacity"),
                        g.getInt("queue.heavy-capacity"),
                        new AdmissionQueues.StandingQueue(
                                g.getDuration("queue.interactive-standing.after"),
                                g.getDuration("queue.interactive-standing.wait")),
                        new AdmissionQueues.StandingQueue(
                                g.getDuration("queue.heavy-standing.after"),
                                g.getDuration("queue.heavy-standing.wait")),
                        g.getDouble("queue.caller-share"),
                        g.getInt("queue.caller-waiting")));
    }

    /** The defaults of the gateway's reference.conf. */
    public static GatewaySettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    public GatewaySettings withTimeouts(Duration newDefaultTimeout, Duration newMaxTimeout) {
        return new GatewaySettings(
                newDefaultTimeout,
                newMaxTimeout,
                defaultMaxRows,
                maxRows,
                maxResultBytes,
                maxConcurrent,
                admissionWait,
                logQueueCapacity,
                logBatchSize,
                logFlushInterval,
                planRefreshInterval,
                heavy,
                heavyThreshold,
                bounds,
                queues);
    }

    public GatewaySettings withRowLimits(int newDefaultMaxRows, int newMaxRows) {
        return new GatewaySettings(
                defaultTimeout,
                maxTimeout,
                newDefaultMaxRows,
                newMaxRows,
                maxResultBytes,
                maxConcurrent,
                admissionWait,
                logQueueCapacity,
                logBatchSize,
                logFlushInterval,
                planRefreshInterval,
                heavy,
                heavyThreshold,
                bounds,
                queues);
    }

    public GatewaySettings withMaxResultBytes(long newMaxResultBytes) {
        return new GatewaySettings(
                defaultTimeout,
                maxTimeout,
                defaultMaxRows,
                maxRows,
                newMaxResultBytes,
                maxConcurrent,
                admissionWait,
                logQueueCapacity,
                logBatchSize,
                logFlushInterval,
                planRefreshInterval,
                heavy,
                heavyThreshold,
                bounds,
                queues);
    }

    public GatewaySettings withLog(int newQueueCapacity, int newBatchSize, Duration newFlushInterval) {
        return new GatewaySettings(
                defaultTimeout,
                maxTimeout,
                defaultMaxRows,
                maxRows,
                maxResultBytes,
                maxConcurrent,
                admissionWait,
                newQueueCapacity,
                newBatchSize,
                newFlushInterval,
                planRefreshInterval,
                heavy,
                heavyThreshold,
                bounds,
                queues);
    }

    /** The lanes: the interactive one's starting limit and wait, the heavy one's and the cost from which it is heavy. */
    public GatewaySettings withLanes(
            int newMaxConcurrent, Duration newAdmissionWait, HeavyLane newHeavy, Duration newHeavyThreshold) {
        return new GatewaySettings(
                defaultTimeout,
                maxTimeout,
                defaultMaxRows,
                maxRows,
                maxResultBytes,
                newMaxConcurrent,
                newAdmissionWait,
                logQueueCapacity,
                logBatchSize,
                logFlushInterval,
                planRefreshInterval,
                newHeavy,
                newHeavyThreshold,
                bounds,
                queues);
    }

    public GatewaySettings withBounds(LimitBounds newBounds) {
        return new GatewaySettings(
                defaultTimeout,
                maxTimeout,
                defaultMaxRows,
                maxRows,
                maxResultBytes,
                maxConcurrent,
                admissionWait,
                logQueueCapacity,
                logBatchSize,
                logFlushInterval,
                planRefreshInterval,
                heavy,
                heavyThreshold,
                newBounds,
                queues);
    }

    public GatewaySettings withQueues(AdmissionQueues newQueues) {
        return new GatewaySettings(
                defaultTimeout,
                maxTimeout,
                defaultMaxRows,
                maxRows,
                maxResultBytes,
                maxConcurrent,
                admissionWait,
                logQueueCapacity,
                logBatchSize,
                logFlushInterval,
                planRefreshInterval,
                heavy,
                heavyThreshold,
                bounds,
                newQueues);
    }

    /**
     * One lane's worth of settings, as before lanes existed: both lanes start with {@code maxConcurrent} slots and the
     * same wait, statements keep the server's work_mem, and the bounds only require the values to be positive.
     */
    public GatewaySettings withOneLane(int newMaxConcurrent, Duration newAdmissionWait) {
        return withLanes(
                        newMaxConcurrent,
                        newAdmissionWait,
                        new HeavyLane(newMaxConcurrent, newAdmissionWait, 0),
                        heavyThreshold)
                .withBounds(new LimitBounds(
                        new LimitBounds.Range(1, 1000),
                        new LimitBounds.Range(1, 1000),
                        new LimitBounds.Range(1, 2000),
                        new LimitBounds.Range(1, 1 << 20)));
    }

    private static LimitBounds.Range range(Config bounds, String name) {
        return new LimitBounds.Range(bounds.getInt(name + ".min"), bounds.getInt(name + ".max"));
    }

    Duration timeoutFor(QuerySubmission submission) {
        Duration asked = submission.timeout().orElse(defaultTimeout);
        return asked.compareTo(maxTimeout) > 0 ? maxTimeout : asked;
    }

    /**
     * The longest a request may take in the gateway: the longer lane's wait plus its statement's timeout. A front
     * door that keeps the request open at least this long never cuts off a statement PostgreSQL still runs.
     */
    public Duration deadlineFor(QuerySubmission submission) {
        Duration longestWait =
                admissionWait.compareTo(heavy.admissionWait()) >= 0 ? admissionWait : heavy.admissionWait();
        return longestWait.plus(timeoutFor(submission));
    }

    int maxRowsFor(QuerySubmission submission) {
        return Math.min(submission.maxRows().orElse(defaultMaxRows), maxRows);
    }
}
