package io.dwpilot.persistence.metrics;

import java.time.Instant;

/** The samples of one time bucket, averaged, with the extremes that matter for load. */
public record MetricsBucket(
        Instant bucket,
        long samples,
        Double avgCpuUsage,
        Double maxCpuUsage,
        Double avgMemoryUsage,
        Double maxMemoryUsage,
        Double avgIoOperations,
        Double maxIoOperations,
        Double avgDiskReadBytesPerS,
        Double avgDiskWriteBytesPerS,
        Double avgConnections,
        Integer maxConnections,
        Double avgActiveQueries,
        Integer maxActiveQueries,
        Double avgCacheHitRatio,
        Double minCacheHitRatio,
        Double avgTransactionsPerS,
        Double maxTransactionsPerS,
        Double avgLocksWaiting,
        Integer maxLocksWaiting,
        Double avgQueryPoolSize,
        Double avgQueueLength,
        Integer maxQueueLength) {}
