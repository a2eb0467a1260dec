package io.dwpilot.persistence.query;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a request to the gateway ended, as metadata.query_logs.status holds it (its CHECK constraint lists the same
 * labels) and as the API and the live feed show it.
 */
public enum ExecutionStatus {
    OK,
    ERROR,
    TIMEOUT,
    /** Refused before it ran: unreadable, not allowed for the role, or its lane saturated. */
    REJECTED,
    CANCELLED,
    /** An explain request: planned, never run, so workload statistics leave it out. */
    EXPLAINED;

    /** The label stored in the database and written in JSON. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a label no status has */
    @JsonCreator
    public static ExecutionStatus of(String label) {
        return Arrays.stream(values())
                .filter(s -> s.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown execution status: " + label));
    }

    /** The label, so that a status reads in logs and messages as it is stored. */
    @Override
    public String toString() {
        return label();
    }

    /** Ran to the end (ok): the only status with a meaningful latency. */
    public boolean succeeded() {
        return this == OK;
    }

    /** Ran and failed: an error or a timeout (a refusal never ran). */
    public boolean failed() {
        return this == ERROR || this == TIMEOUT;
    }
}
