package io.dwpilot.agents.observer;

import io.dwpilot.agents.runtime.JsonSerializable;

/**
 * Latency quantiles (nearest rank) and mean rows of a set of ok executions; all 0 when there were none.
 *
 * @param samples the executions summarized
 */
public record LatencySummary(int samples, double p50Ms, double p95Ms, double p99Ms, double meanRows)
        implements JsonSerializable {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);
}
