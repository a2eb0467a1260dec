package io.dwpilot.persistence.query;

import java.time.Instant;

/** Latency statistics of one fingerprint over a time range (successful executions; errors counted apart). */
public record FingerprintStatistics(String fingerprint, String normalizedText, long executions, long errors,
                                    double meanMs, double p50Ms, double p95Ms, double maxMs, double totalMs,
                                    Instant lastSeen) {
}
