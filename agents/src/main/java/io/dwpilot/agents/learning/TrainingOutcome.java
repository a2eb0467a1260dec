package io.dwpilot.agents.learning;

import com.fasterxml.jackson.annotation.JsonValue;
import io.dwpilot.persistence.ml.ModelVersion;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What training one model came to.
 *
 * @param status  {@code activated} (registered and now serving), {@code rejected} (registered, what served stays:
 *                the baseline that serves without a model, or the active version, was as good or better on the same
 *                test set) or {@code failed} (nothing registered)
 * @param version the registered version, absent when training failed
 * @param reason  one line with the deciding numbers, or what went wrong
 * @param metrics the candidate's metrics as registered (empty when training failed)
 */
public record TrainingOutcome(
        String model,
        Status status,
        Optional<ModelVersion> version,
        String reason,
        Map<String, Object> metrics,
        long trainingMs) {

    /** What training came to; journaled, and shown, by its lower-case name. */
    public enum Status {
        ACTIVATED,
        REJECTED,
        FAILED;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return id();
        }
    }

    public boolean activated() {
        return status == Status.ACTIVATED;
    }
}
