package io.dwpilot.agents.observer;

import io.dwpilot.gateway.QueryExecuted;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Arrivals, outcomes and latencies of one stream of executions (one fingerprint, or all of them): arrivals per minute
 * over the last hour and per 5 minutes over the last day, failures and refusals per minute, outcome counters, and the
 * latencies of recent ok executions. "The last N minutes" are the minute buckets of the workload clock's current
 * minute and the N - 1 before it. Not thread-safe.
 */
final class LoadStats {
    static final Duration MINUTE = Duration.ofMinutes(1);
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    static final int MINUTES_KEPT = 60;
    static final int FIVE_MINUTES_KEPT = 288;

    private final BucketRing perMinute = new BucketRing(MINUTES_KEPT);
    private final BucketRing perFiveMinutes = new BucketRing(FIVE_MINUTES_KEPT);
    private final BucketRing failedPerMinute = new BucketRing(MINUTES_KEPT);
    private final BucketRing rejectedPerMinute = new BucketRing(MINUTES_KEPT);
    private final LatencyWindow latencies;
    private long ok;
    private long errors;
    private long timeouts;
    private long rejected;

    LoadStats(int latencyWindow) {
        this.latencies = new LatencyWindow(latencyWindow);
    }

    /** Whether an execution at {@code at} falls in the kept day of 5-minute buckets ending at {@code now}. */
    static boolean kept(Instant at, Instant now) {
        return !at.isAfter(now) && bucket(at, FIVE_MINUTES) > bucket(now, FIVE_MINUTES) - FIVE_MINUTES_KEPT;
    }

    /** Counts one execution that is {@link #kept}. */
    void add(QueryExecuted event, Instant now) {
        Instant at = event.workloadTime();
        long minute = bucket(at, MINUTE);
        long currentMinute = bucket(now, MINUTE);
        perMinute.add(minute, currentMinute);
        perFiveMinutes.add(bucket(at, FIVE_MINUTES), bucket(now, FIVE_MINUTES));
        switch (event.status()) {
            case OK -> {
                ok++;
                latencies.add(at, event.executionTimeMs(), event.rows());
            }
            case TIMEOUT -> {
                timeouts++;
                failedPerMinute.add(minute, currentMinute);
            }
            case REJECTED -> {
                rejected++;
                rejectedPerMinute.add(minute, currentMinute);
            }
            default -> { // error, and cancelled should the gateway ever publish it: not a success
                errors++;
                failedPerMinute.add(minute, currentMinute);
            }
        }
    }

    long arrivals(Instant end, int minutes) {
        return lastMinutes(perMinute, end, minutes);
    }

    long failed(Instant end, int minutes) {
        return lastMinutes(failedPerMinute, end, minutes);
    }

    long rejected(Instant end, int minutes) {
        return lastMinutes(rejectedPerMinute, end, minutes);
    }

    /** Executions that ran (all outcomes but refusals). */
    long executions() {
        return ok + errors + timeouts;
    }

    long failures() {
        return errors + timeouts;
    }

    /** The kept recent ok executions. */
    LatencySummary recentLatency() {
        return latencies.summary();
    }

    /** The ok executions of the last {@code minutes} minutes ending at {@code end}. */
    LatencySummary latency(Instant end, int minutes) {
        return latencies.summary(Instant.ofEpochSecond((bucket(end, MINUTE) - minutes + 1) * 60), end);
    }

    Observer.LoadView view(Instant end) {
        return new Observer.LoadView(
                end,
                arrivals(end, 1),
                arrivals(end, 5),
                failed(end, 5),
                rejected(end, 5),
                ok,
                errors,
                timeouts,
                rejected,
                recentLatency(),
                series(perMinute, end, MINUTE),
                series(perFiveMinutes, end, FIVE_MINUTES));
    }

    private static long lastMinutes(BucketRing ring, Instant end, int minutes) {
        long last = bucket(end, MINUTE);
        return ring.sum(last - minutes + 1, last);
    }

    private static Observer.Series series(BucketRing ring, Instant end, Duration width) {
        long[] counts = ring.series(bucket(end, width));
        long first = bucket(end, width) - counts.length + 1;
        return new Observer.Series(
                Instant.ofEpochSecond(first * width.toSeconds()),
                width,
                Arrays.stream(counts).boxed().toList());
    }

    static long bucket(Instant at, Duration width) {
        return Math.floorDiv(at.getEpochSecond(), width.toSeconds());
    }
}
