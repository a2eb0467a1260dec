package io.dwpilot.agents.forecaster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Objects;

/**
 * The forecaster's settings, {@code dwpilot.agents.forecaster}: how often it looks at the workload clock ({@code
 * tick}, wall time), how often it forecasts ({@code interval}, workload time), how much history it reads, how long
 * it waits for a bucket's batched log rows to land ({@code settle}), how far ahead it forecasts, and how many of the
 * busiest fingerprints it forecasts besides the total. Buckets are {@link #BUCKET} long: the models' daily season is
 * 288 five-minute buckets.
 */
public record ForecasterSettings(
        Duration tick, Duration interval, Duration history, Duration settle, Duration horizon, int fingerprints) {
    public static final Duration BUCKET = Duration.ofMinutes(5);
    /** The window in which the busiest fingerprints are chosen. */
    public static final Duration BUSIEST_WINDOW = Duration.ofDays(1);

    public ForecasterSettings {
        requirePositive("tick", tick);
        requirePositive("interval", interval);
        if (interval.toSeconds() < 1) {
            throw new IllegalArgumentException("interval must be at least 1s: slots are aligned to whole seconds");
        }
        requirePositive("history", history);
        Objects.requireNonNull(settle, "settle");
        if (settle.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative, got " + settle);
        }
        requirePositive("horizon", horizon);
        if (horizon.toSeconds() % BUCKET.toSeconds() != 0) {
            throw new IllegalArgumentException(
                    "horizon must be a whole number of " + BUCKET + " buckets, got " + horizon);
        }
        if (fingerprints < 0) {
            throw new IllegalArgumentException("fingerprints must be >= 0, got " + fingerprints);
        }
    }

    /** Reads {@code dwpilot.agents.forecaster} (pass {@code env.settings("forecaster")}). */
    public static ForecasterSettings fromConfig(Config c) {
        return new ForecasterSettings(
                c.getDuration("tick"),
                c.getDuration("interval"),
                c.getDuration("history"),
                c.getDuration("settle"),
                c.getDuration("horizon"),
                c.getInt("fingerprints"));
    }

    /** The defaults of the agents' reference.conf. */
    public static ForecasterSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference().getConfig("dwpilot.agents.forecaster"));
    }

    public ForecasterSettings withTick(Duration newTick) {
        return new ForecasterSettings(newTick, interval, history, settle, horizon, fingerprints);
    }

    public ForecasterSettings withHistory(Duration newHistory) {
        return new ForecasterSettings(tick, interval, newHistory, settle, horizon, fingerprints);
    }

    /** Buckets forecast ahead. */
    public int horizonBuckets() {
        return (int) (horizon.toSeconds() / BUCKET.toSeconds());
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
