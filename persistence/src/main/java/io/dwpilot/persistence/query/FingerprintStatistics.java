package io.dwpilot.persistence.query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Latency statistics of one fingerprint over a time range (successful executions; errors and timeouts counted apart),
 * with the statement kind and tables of its newest execution and the message of its newest error or timeout.
 */
public record FingerprintStatistics(
        String fingerprint,
        String normalizedText,
        Optional<String> statementKind,
        List<String> tables,
        long executions,
        long errors,
        double meanMs,
        double p50Ms,
        double p95Ms,
        double maxMs,
        double totalMs,
        Instant lastSeen,
        Optional<String> lastError) {}
