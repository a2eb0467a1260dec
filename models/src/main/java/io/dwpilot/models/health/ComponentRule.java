package io.dwpilot.models.health;

import java.util.OptionalDouble;

/**
 * How one component's value becomes a score: 100 at {@code ideal} (and anywhere better), 80 at {@code warning}, 50 at
 * {@code critical}, linear in between, and beyond critical falling at the warning-to-critical slope down to 0. A
 * component whose value grows as things get worse (CPU, waiting locks) has {@code ideal < warning < critical}; one
 * that shrinks (success rate, cache hits) has {@code ideal > warning > critical}.
 *
 * @param unit the unit of the value and the thresholds, as shown ("%", "×", "locks")
 */
public record ComponentRule(
        String name, String label, String unit, double weight, double ideal, double warning, double critical) {
    static final double WARNING_SCORE = 80;
    static final double CRITICAL_SCORE = 50;

    public ComponentRule {
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException(name + ": weight must be a positive number, got " + weight);
        }
        boolean rising = ideal < warning && warning < critical;
        boolean falling = ideal > warning && warning > critical;
        if (!rising && !falling) {
            throw new IllegalArgumentException(
                    name + ": the warning threshold (" + warning + ") must lie between the ideal value (" + ideal
                            + ") and the critical threshold (" + critical + ")");
        }
    }

    /** The score of a value, 0..100. */
    public double score(double value) {
        // distance from the ideal towards worse, in units where the warning threshold is at 1 and critical at c
        double toWarning = (value - ideal) / (warning - ideal);
        if (toWarning <= 0) {
            return 100;
        }
        if (toWarning <= 1) {
            return 100 - (100 - WARNING_SCORE) * toWarning;
        }
        double pastWarning = (value - warning) / (critical - warning);
        return Math.max(0, WARNING_SCORE - (WARNING_SCORE - CRITICAL_SCORE) * pastWarning);
    }

    /** Ok short of the warning threshold, warning from it, critical from the critical threshold on. */
    public ComponentStatus status(double value) {
        double sign = Math.signum(critical - ideal);
        if (sign * (value - critical) >= 0) {
            return ComponentStatus.CRITICAL;
        }
        return sign * (value - warning) >= 0 ? ComponentStatus.WARNING : ComponentStatus.OK;
    }

    /** The threshold a value has crossed (critical before warning), if any. */
    public OptionalDouble crossed(double value) {
        return switch (status(value)) {
            case CRITICAL -> OptionalDouble.of(critical);
            case WARNING -> OptionalDouble.of(warning);
            default -> OptionalDouble.empty();
        };
    }
}
