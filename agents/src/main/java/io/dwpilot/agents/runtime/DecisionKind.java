package io.dwpilot.agents.runtime;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Every kind of decision the agents journal. The decision read model, the API's filters, the live feed and
 * {@code dwpilot replay} show a kind by its lower-case name ({@link #id()}), e.g. {@code limits_changed}.
 */
public enum DecisionKind {
    MODE_CHANGED,
    INDEXES_ANALYZED,
    INDEX_RECOMMENDED,
    INDEX_BUILD_SCHEDULED,
    INDEX_CREATED,
    INDEX_BUILD_FAILED,
    INDEX_KEPT,
    INDEX_REVERTED,
    INDEX_DROPPED,
    INDEX_REJECTED,
    LIMITS_CHANGED,
    RETRAINING_STARTED,
    MODEL_ACTIVATED,
    MODEL_REJECTED,
    TRAINING_FAILED,
    ANOMALY_DETECTED,
    FORECAST_PUBLISHED;

    /** The name the read model, the API and the feed show. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
