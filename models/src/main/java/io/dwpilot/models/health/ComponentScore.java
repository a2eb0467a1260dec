package io.dwpilot.models.health;

import java.util.OptionalDouble;

/** One component as scored: its rule's name, label, weight and unit, the measured value, its score and status. */
public record ComponentScore(
        ComponentRule rule, OptionalDouble value, OptionalDouble score, ComponentStatus status, String detail) {
    /** The threshold the value has crossed (critical before warning); empty when it is ok or unknown. */
    public OptionalDouble crossedThreshold() {
        return value.isPresent() ? rule.crossed(value.getAsDouble()) : OptionalDouble.empty();
    }
}
