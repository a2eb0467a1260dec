package io.dwpilot.persistence.metrics;

import java.time.Instant;
import java.util.Optional;

/**
 * One row of metadata.system_metrics: host load (via OSHI) and PostgreSQL activity at one instant.
 * A value the sampler could not measure (a rate on the first sample, a host counter the platform does not offer)
 * is null.
 *
 * @param cpuUsage           host CPU busy fraction, 0..1
 * @param memoryUsage        host memory used fraction, 0..1
 * @param ioOperations       host disk reads + writes per second
 * @param connections        backends in pg_stat_activity (client backends)
 * @param activeQueries      client backends running a statement, the sampler's own excluded
 * @param cacheHitRatio      blks_hit / (blks_hit + blks_read) of the current database, over the interval when possible
 * @param transactionsPerS   commits + rollbacks per second of the current database
 * @param locksWaiting       lock requests not granted
 * @param queryPoolSize      size of the query pool, as given by the caller
 * @param queueLength        statements waiting for admission, as given by the caller
 */
public record SystemSample(
        Instant sampledAt,
        Double cpuUsage,
        Double memoryUsage,
        Double ioOperations,
        Double diskReadBytesPerS,
        Double diskWriteBytesPerS,
        Integer connections,
        Integer activeQueries,
        Double cacheHitRatio,
        Double transactionsPerS,
        Integer locksWaiting,
        Integer queryPoolSize,
        Integer queueLength,
        Optional<Instant> simulatedAt) {
    public SystemSample {
        if (sampledAt == null) {
            throw new IllegalArgumentException("sampledAt is required");
        }
        simulatedAt = simulatedAt == null ? Optional.empty() : simulatedAt;
    }
}
