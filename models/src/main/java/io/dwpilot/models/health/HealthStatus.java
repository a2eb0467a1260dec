package io.dwpilot.models.health;

import java.util.Locale;

/** The overall verdict of a health score: healthy from 80, degraded from 50, critical below. */
public enum HealthStatus {
    HEALTHY,
    DEGRADED,
    CRITICAL;

    static final double HEALTHY_FROM = 80;
    static final double DEGRADED_FROM = 50;

    public static HealthStatus of(double score) {
        return score >= HEALTHY_FROM ? HEALTHY : score >= DEGRADED_FROM ? DEGRADED : CRITICAL;
    }

    /** The API's name: healthy, degraded, critical. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
