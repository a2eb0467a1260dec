package io.dwpilot.persistence.observations;

import java.util.Optional;

/** The outcome of acknowledging an anomaly, with the anomaly as it is afterwards (absent when not found). */
public record AckResult(Status status, Optional<AnomalyRecord> anomaly) {
    public enum Status {
        NOT_FOUND,
        ACKNOWLEDGED,
        ALREADY_ACKNOWLEDGED
    }
}
