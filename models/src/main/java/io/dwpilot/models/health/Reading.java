package io.dwpilot.models.health;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What was measured for one component: its value in the rule's unit (empty when it could not be measured) and a
 * sentence saying what the value is of, or why it is missing.
 */
public record Reading(String name, OptionalDouble value, String detail) {
    public Reading {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(detail, "detail");
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException(name + ": a measured value must be finite, got " + value.getAsDouble());
        }
    }

    public static Reading of(String name, double value, String detail) {
        return new Reading(name, OptionalDouble.of(value), detail);
    }

    public static Reading unknown(String name, String why) {
        return new Reading(name, OptionalDouble.empty(), why);
    }
}
