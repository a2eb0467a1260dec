package io.dwpilot.persistence.metrics;

import java.time.Duration;
import java.util.Locale;

/** The bucket width of a metrics history; its name is the date_trunc field. */
public enum MetricsGranularity {
    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    private final Duration width;

    MetricsGranularity(Duration width) {
        this.width = width;
    }

    public Duration width() {
        return width;
    }

    /** The date_trunc field name. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** minute, hour or day (any case); anything else is an IllegalArgumentException. */
    public static MetricsGranularity parse(String text) {
        if (text != null) {
            for (MetricsGranularity g : values()) {
                if (g.name().equalsIgnoreCase(text.strip())) {
                    return g;
                }
            }
        }
        throw new IllegalArgumentException("granularity must be minute, hour or day, got " + text);
    }
}
