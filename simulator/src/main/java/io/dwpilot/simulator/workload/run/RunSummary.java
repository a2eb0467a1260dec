package io.dwpilot.simulator.workload.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a run did. {@code errorsByStatus} counts the non-200 answers by HTTP status, 0 for requests that got no
 * answer (connection failures, client timeouts); latencies are those of successful requests.
 */
public record RunSummary(
        String runId,
        long queriesSent,
        long ok,
        SortedMap<Integer, Long> errorsByStatus,
        Map<AnomalyKind, Integer> anomaliesByKind,
        long anomalyQueries,
        Instant simulatedStart,
        Instant simulatedEnd,
        Duration wallTime,
        double achievedQps,
        double latencyP50Ms,
        double latencyP95Ms,
        StopReason stopReason) {

    public enum StopReason {
        DAYS,
        MAX_QUERIES,
        WALL_CLOCK,
        INTERRUPTED
    }

    public RunSummary {
        errorsByStatus = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(errorsByStatus));
        anomaliesByKind = Map.copyOf(anomaliesByKind);
    }

    public long errors() {
        return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public int anomalies() {
        return anomaliesByKind.values().stream().mapToInt(Integer::intValue).sum();
    }
}
