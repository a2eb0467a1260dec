package io.dwpilot.gateway;

/**
 * The two admission lanes: short interactive statements, and heavy analytical ones whose observed (or predicted)
 * cost reaches the gateway's heavy threshold. Each lane has its own concurrency limit, so a burst of heavy statements
 * cannot take the slots that keep dashboards responsive.
 */
public enum Lane {
    INTERACTIVE,
    HEAVY;

    /** The lane's name in logs, stats and JSON. */
    public String label() {
        return name().toLowerCase();
    }
}
