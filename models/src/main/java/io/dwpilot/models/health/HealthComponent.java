package io.dwpilot.models.health;

/**
 * The components of the dashboard's health score: what each is called, how it is shown and its ideal value. Their
 * thresholds and weights are settings ({@link #rule}).
 */
public enum HealthComponent {
    /** Ok executions among ok, error and timeout ones, in percent. */
    SUCCESS_RATE("success_rate", "Success rate", "%", 100),
    /** The p95 of ok executions against the p95 of the day before, as a ratio. */
    LATENCY("latency", "Latency p95 vs. the day before", "×", 1),
    CPU("cpu", "Host CPU", "%", 0),
    MEMORY("memory", "Host memory", "%", 0),
    CACHE_HIT("cache_hit", "Cache hit ratio", "%", 100),
    /** Client connections in percent of max_connections. */
    CONNECTIONS("connections", "Connections in use", "%", 0),
    LOCKS("locks", "Waiting locks", "locks", 0),
    /** Unacknowledged high-severity anomalies. */
    ANOMALIES("anomalies", "Unacknowledged high anomalies", "anomalies", 0);

    private final String key;
    private final String label;
    private final String unit;
    private final double ideal;

    HealthComponent(String key, String label, String unit, double ideal) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.ideal = ideal;
    }

    /** The API's name: success_rate, latency, cpu, ... */
    public String key() {
        return key;
    }

    /** This component's rule with the given settings. */
    public ComponentRule rule(double weight, double warning, double critical) {
        return new ComponentRule(key, label, unit, weight, ideal, warning, critical);
    }
}
