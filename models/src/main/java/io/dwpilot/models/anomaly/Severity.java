package io.dwpilot.models.anomaly;

/** How far from normal a finding is, by robust z-score band (see {@link SlowExecutionDetector.Config}). */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH
}
