package io.dwpilot.http;

import com.typesafe.config.Config;
import io.dwpilot.models.health.HealthComponent;
import io.dwpilot.models.health.HealthScorer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code dwpilot.dashboard}: the speed bands the dashboard colours executions by, and how the health score is
 * measured (its window, the latency baseline, the anomaly window) and scored.
 */
public record DashboardSettings(
        double moderateQueryMs,
        double slowQueryMs,
        Duration healthWindow,
        Duration baseline,
        Duration anomalyWindow,
        int latencyMinSamples,
        HealthScorer scorer) {
    /** Executions from moderateQueryMs on are moderate, from slowQueryMs on slow; faster ones fast. */
    public record Thresholds(double moderateQueryMs, double slowQueryMs) {}

    public DashboardSettings {
        if (!(moderateQueryMs > 0 && moderateQueryMs < slowQueryMs)) {
            throw new IllegalArgumentException("dwpilot.dashboard: moderate-query-ms must be above 0 and below"
                    + " slow-query-ms, got " + moderateQueryMs + " and " + slowQueryMs);
        }
        for (Duration d : new Duration[] {healthWindow, baseline, anomalyWindow}) {
            if (d.getSeconds() < 1 || d.getNano() != 0) {
                throw new IllegalArgumentException(
                        "dwpilot.dashboard.health: windows are whole seconds >= 1, got " + d);
            }
        }
    }

    /** @throws IllegalArgumentException for bad values (and Config's exceptions for missing or mistyped keys) */
    public static DashboardSettings fromConfig(Config config) {
        Config dashboard = config.getConfig("dwpilot.dashboard");
        Config health = dashboard.getConfig("health");
        Config components = health.getConfig("components");
        HealthScorer scorer = new HealthScorer(Arrays.stream(HealthComponent.values())
                .map(c -> {
                    Config rule = components.getConfig(c.key().replace('_', '-'));
                    return c.rule(rule.getDouble("weight"), rule.getDouble("warning"), rule.getDouble("critical"));
                })
                .toList());
        return new DashboardSettings(
                dashboard.getDouble("moderate-query-ms"),
                dashboard.getDouble("slow-query-ms"),
                health.getDuration("window"),
                health.getDuration("baseline"),
                health.getDuration("anomaly-window"),
                health.getInt("latency-min-samples"),
                scorer);
    }

    public Thresholds thresholds() {
        return new Thresholds(moderateQueryMs, slowQueryMs);
    }

    /** The health window as a sentence reads it: "the last 15 min". */
    String windowText() {
        long minutes = healthWindow.toMinutes();
        return healthWindow.toSeconds() % 60 == 0
                ? "the last " + minutes + " min"
                : String.format(Locale.ROOT, "the last %d s", healthWindow.toSeconds());
    }
}
