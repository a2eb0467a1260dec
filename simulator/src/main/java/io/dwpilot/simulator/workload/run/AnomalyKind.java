package io.dwpilot.simulator.workload.run;

/** The kinds of anomaly the runner injects, labelled as they are stored in metadata.injected_anomalies. */
public enum AnomalyKind {
    /** Bursts of expensive full-scan queries. */
    SLOW_QUERY_STORM("slow_query_storm"),
    /** Statements of shapes the warehouse has never seen. */
    NEW_QUERY_SHAPE("new_query_shape"),
    /** Many concurrent heavy aggregates in a short window. */
    RESOURCE_SPIKE("resource_spike"),
    /** A burst of failing statements: syntax errors, missing tables, division by zero. */
    FAILURE_BURST("failure_burst");

    private final String label;

    AnomalyKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
