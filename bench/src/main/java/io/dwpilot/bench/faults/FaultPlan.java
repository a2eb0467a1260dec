package io.dwpilot.bench.faults;

import java.time.Duration;

/**
 * What the faults experiment runs: the warehouse's scale, how long each phase lasts and how hard the load is.
 *
 * @param scale          retail data scale of the fresh warehouse
 * @param baseline       how long the unloaded workload runs to measure its p95
 * @param overload       how long the overload lasts
 * @param overloadFactor concurrent clients of the overload as a multiple of the two lanes' configured limits
 * @param flood          how long one caller floods while another runs its normal workload
 * @param outage         how long PostgreSQL stays stopped
 * @param steadyClients  the normal workload's concurrent clients (the caller whose p95 is protected)
 * @param settle         the most to wait for something that must happen after a fault (a log row written, an
 *                       INVALID index dropped, the read model caught up)
 * @param seed           seed of the statements' choice and parameters
 */
public record FaultPlan(
        double scale,
        Duration baseline,
        Duration overload,
        int overloadFactor,
        Duration flood,
        Duration outage,
        int steadyClients,
        Duration settle,
        long seed) {

    public FaultPlan {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        if (overloadFactor < 1 || steadyClients < 1) {
            throw new IllegalArgumentException("overloadFactor and steadyClients must be at least 1");
        }
    }
}
