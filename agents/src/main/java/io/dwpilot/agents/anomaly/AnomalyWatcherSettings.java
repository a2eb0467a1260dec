package io.dwpilot.agents.anomaly;

import com.typesafe.config.Config;
import io.dwpilot.models.anomaly.MetricSpikeDetector;
import io.dwpilot.models.anomaly.SeverityBands;
import io.dwpilot.models.anomaly.SlowExecutionDetector;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The anomaly watcher's settings ({@code dwpilot.agents.anomaly-watcher}; every key is documented in the agents'
 * reference.conf). Durations other than {@code load-retry} are of workload time.
 *
 * @param cooldown          after an alert, further findings of the same kind and subject are only counted this long
 * @param slowQuery         the slow-execution detector's thresholds
 * @param warmUp            new shapes are flagged only after this much workload time has been observed ...
 * @param warmUpExecutions  ... and this many executions, both since the watcher started
 * @param burstMaxFailures  a failure burst is more than this many errors and timeouts ...
 * @param burstWindow       ... within this window
 * @param metricSpike       the metric-spike detector's thresholds; its floors name the watched metrics
 * @param loadRetry         wall time before retrying to load the known fingerprints after a failure
 */
public record AnomalyWatcherSettings(
        Duration cooldown,
        SlowExecutionDetector.Config slowQuery,
        Duration warmUp,
        int warmUpExecutions,
        int burstMaxFailures,
        Duration burstWindow,
        MetricSpikeDetector.Config metricSpike,
        Duration loadRetry) {
    public AnomalyWatcherSettings {
        Objects.requireNonNull(slowQuery, "slowQuery");
        Objects.requireNonNull(metricSpike, "metricSpike");
        requirePositive(cooldown, "cooldown");
        requirePositive(burstWindow, "failure-burst.window");
        requirePositive(loadRetry, "load-retry");
        if (warmUp.isNegative() || warmUpExecutions < 0 || burstMaxFailures < 0) {
            throw new IllegalArgumentException("warm-up, warm-up-executions and max-failures cannot be negative");
        }
        metricSpike
                .floors()
                .keySet()
                .forEach(metric -> SystemMetric.byColumn(metric)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "unknown system metric in metric-spike.floors: " + metric)));
    }

    /** Reads the block {@code dwpilot.agents.anomaly-watcher}. */
    public static AnomalyWatcherSettings fromConfig(Config c) {
        Config slow = c.getConfig("slow-query");
        Config shape = c.getConfig("new-shape");
        Config burst = c.getConfig("failure-burst");
        Config spike = c.getConfig("metric-spike");
        Map<String, Double> floors = new HashMap<>();
        spike.getConfig("floors")
                .root()
                .keySet()
                .forEach(metric -> floors.put(metric, spike.getConfig("floors").getDouble(metric)));
        return new AnomalyWatcherSettings(
                c.getDuration("cooldown"),
                new SlowExecutionDetector.Config(
                        slow.getInt("window"),
                        slow.getInt("min-samples"),
                        slow.getDouble("low-score"),
                        slow.getDouble("medium-score"),
                        slow.getDouble("high-score"),
                        slow.getDuration("floor").toNanos() / 1e6,
                        slow.getDouble("min-ratio"),
                        slow.getInt("max-fingerprints")),
                shape.getDuration("warm-up"),
                shape.getInt("warm-up-executions"),
                burst.getInt("max-failures"),
                burst.getDuration("window"),
                new MetricSpikeDetector.Config(
                        spike.getInt("window"),
                        spike.getInt("min-samples"),
                        new SeverityBands(
                                spike.getDouble("low-score"),
                                spike.getDouble("medium-score"),
                                spike.getDouble("high-score")),
                        floors),
                c.getDuration("load-retry"));
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
