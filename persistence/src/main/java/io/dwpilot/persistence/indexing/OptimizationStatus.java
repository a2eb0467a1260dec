package io.dwpilot.persistence.indexing;

import java.util.Locale;

/** Where an optimization stands; stored lower-case in metadata.optimization_history.status. */
public enum OptimizationStatus {
    ANALYZED,
    RECOMMENDED,
    APPLIED,
    KEPT,
    REVERTED,
    REJECTED,
    FAILED,
    DROPPED;

    /** The value in the status column. */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a column value (any case); IllegalArgumentException for an unknown one. */
    public static OptimizationStatus of(String value) {
        for (OptimizationStatus s : values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown optimization status: " + value);
    }
}
