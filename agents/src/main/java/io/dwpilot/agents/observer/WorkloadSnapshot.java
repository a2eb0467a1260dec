package io.dwpilot.agents.observer;

import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.persistence.metrics.SystemSample;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The observer's view of the workload at one instant of workload time, published on the {@link #TOPIC} topic for
 * the other agents. Windows are of workload time ending at {@code at}, in whole minutes: "the last 5 minutes" are
 * the minute of {@code at} and the 4 before it.
 *
 * @param arrivalsLastMinute   statements that arrived in the last minute (all outcomes)
 * @param arrivalsLast5Minutes statements that arrived in the last 5 minutes
 * @param failedLast5Minutes   errors and timeouts in the last 5 minutes
 * @param rejectedLast5Minutes statements the gateway refused (saturated or forbidden) in the last 5 minutes
 * @param p50Ms                median execution time of the ok statements of the last 5 minutes (0 when none)
 * @param p95Ms                95th percentile of the same
 * @param running              statements executing in the gateway now
 * @param busiest              the busiest fingerprints of the last 5 minutes, busiest first
 * @param system               the latest system metrics sample, once one was taken
 */
public record WorkloadSnapshot(
        Instant at,
        long arrivalsLastMinute,
        long arrivalsLast5Minutes,
        long failedLast5Minutes,
        long rejectedLast5Minutes,
        double p50Ms,
        double p95Ms,
        int running,
        List<FingerprintLoad> busiest,
        Optional<SystemSample> system)
        implements JsonSerializable {
    /** The name of the pub/sub topic the observer publishes snapshots on. */
    public static final String TOPIC = "workload-snapshots";

    public WorkloadSnapshot {
        Objects.requireNonNull(at, "at");
        busiest = List.copyOf(busiest);
        system = system == null ? Optional.empty() : system;
    }

    /**
     * One fingerprint's recent load: arrivals in the last 5 minutes, executions and failures since the observer
     * first saw it, latency quantiles and mean rows of its recent ok executions, and the tables it touches.
     */
    public record FingerprintLoad(
            String fingerprint,
            String statementKind,
            long arrivalsLast5Minutes,
            long executions,
            long failures,
            double p50Ms,
            double p95Ms,
            double meanRows,
            List<String> tables)
            implements JsonSerializable {
        public FingerprintLoad {
            Objects.requireNonNull(fingerprint, "fingerprint");
            tables = List.copyOf(tables);
        }
    }
}
