package io.dwpilot.bench.gateway;

import java.util.Locale;

/**
 * What one load run with {@code connections} clients measured: throughput, the median and 99th percentile latency,
 * and the failed requests.
 */
record Latencies(int connections, double perSecond, double p50Ms, double p99Ms, long failed) {
    String summary() {
        return String.format(
                Locale.ROOT,
                "%d clients %,8.0f q/s p50 %6.2f ms p99 %7.2f ms failed %d",
                connections,
                perSecond,
                p50Ms,
                p99Ms,
                failed);
    }
}
