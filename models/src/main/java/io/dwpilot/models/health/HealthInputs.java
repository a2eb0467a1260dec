package io.dwpilot.models.health;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What was measured over one window, as raw numbers, and the readings of the eight components made from them.
 *
 * @param ok             ok executions in the window
 * @param failed         errors and timeouts in the window
 * @param p95Ms          the p95 of the ok executions in the window
 * @param baselineOk     ok executions in the baseline (the day before the window)
 * @param baselineP95Ms  their p95
 * @param samples        system samples in the window
 * @param cpu            mean host CPU busy fraction, 0..1
 * @param memory         mean host memory used fraction, 0..1
 * @param cacheHit       mean cache hit ratio, 0..1
 * @param connections    mean client connections
 * @param maxConnections the server's max_connections
 * @param locks          mean waiting locks
 * @param highAnomalies  unacknowledged high-severity anomalies of the anomaly window
 */
public record HealthInputs(
        long ok,
        long failed,
        OptionalDouble p95Ms,
        long baselineOk,
        OptionalDouble baselineP95Ms,
        long samples,
        OptionalDouble cpu,
        OptionalDouble memory,
        OptionalDouble cacheHit,
        OptionalDouble connections,
        OptionalInt maxConnections,
        OptionalDouble locks,
        long highAnomalies) {

    /**
     * @param minSamples ok executions needed on each side to compare latencies (a p95 of a handful says nothing)
     * @param window     how the window reads in a sentence ("the last 15 min")
     */
    public List<Reading> readings(long minSamples, String window) {
        return List.of(
                successRate(window),
                latency(minSamples, window),
                percent(HealthComponent.CPU, cpu, "mean host CPU", window),
                percent(HealthComponent.MEMORY, memory, "mean host memory in use", window),
                percent(HealthComponent.CACHE_HIT, cacheHit, "mean cache hit ratio", window),
                connections(window),
                sampled(
                        HealthComponent.LOCKS,
                        locks,
                        String.format(Locale.ROOT, "%.1f locks waiting on average", locks.orElse(0)),
                        window),
                Reading.of(
                        HealthComponent.ANOMALIES.key(),
                        highAnomalies,
                        highAnomalies + " unacknowledged high-severity anomalies in the last day"));
    }

    private Reading successRate(String window) {
        String key = HealthComponent.SUCCESS_RATE.key();
        long finished = ok + failed;
        if (finished == 0) {
            return Reading.unknown(key, "no executions finished in " + window);
        }
        return Reading.of(key, 100.0 * ok / finished, ok + " of " + finished + " executions succeeded in " + window);
    }

    private Reading latency(long minSamples, String window) {
        String key = HealthComponent.LATENCY.key();
        if (ok < minSamples || baselineOk < minSamples || p95Ms.isEmpty() || baselineP95Ms.isEmpty()) {
            return Reading.unknown(
                    key,
                    "needs " + minSamples + " ok executions in " + window + " and in the day" + " before; there were "
                            + ok + " and " + baselineOk);
        }
        // a baseline of 0 ms (statements faster than the clock) would divide by zero: floor both at a microsecond
        double now = Math.max(p95Ms.getAsDouble(), 0.001);
        double before = Math.max(baselineP95Ms.getAsDouble(), 0.001);
        return Reading.of(
                key,
                now / before,
                String.format(
                        Locale.ROOT, "p95 %.1f ms in %s against %.1f ms in the day" + " before", now, window, before));
    }

    private Reading connections(String window) {
        String key = HealthComponent.CONNECTIONS.key();
        if (connections.isEmpty() || maxConnections.isEmpty() || maxConnections.getAsInt() < 1) {
            return Reading.unknown(key, "no system samples in " + window);
        }
        double share = 100 * connections.getAsDouble() / maxConnections.getAsInt();
        return Reading.of(
                key,
                share,
                String.format(
                                Locale.ROOT,
                                "%.1f connections on average of max_connections %d",
                                connections.getAsDouble(),
                                maxConnections.getAsInt())
                        + " in " + window);
    }

    private Reading percent(HealthComponent component, OptionalDouble fraction, String what, String window) {
        OptionalDouble percent =
                fraction.isPresent() ? OptionalDouble.of(100 * fraction.getAsDouble()) : OptionalDouble.empty();
        return sampled(component, percent, String.format(Locale.ROOT, "%s %.1f%%", what, percent.orElse(0)), window);
    }

    private Reading sampled(HealthComponent component, OptionalDouble value, String text, String window) {
        if (value.isEmpty()) {
            return Reading.unknown(component.key(), "no system samples in " + window);
        }
        return new Reading(component.key(), value, text + " over " + samples + " samples in " + window);
    }
}
