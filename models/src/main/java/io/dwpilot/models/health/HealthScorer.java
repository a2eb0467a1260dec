package io.dwpilot.models.health;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Scores readings against the rules, one per component, and weighs the known ones into the overall score. */
public final class HealthScorer {
    private final Map<String, ComponentRule> rules = new LinkedHashMap<>();

    /** @param rules one per component, in the order the components are reported */
    public HealthScorer(List<ComponentRule> rules) {
        for (ComponentRule rule : rules) {
            if (this.rules.put(rule.name(), rule) != null) {
                throw new IllegalArgumentException("two rules for the component " + rule.name());
            }
        }
    }

    public List<ComponentRule> rules() {
        return List.copyOf(rules.values());
    }

    /**
     * Every rule's component, in the rules' order; a component without a reading is unknown.
     *
     * @throws IllegalArgumentException for a reading of a component no rule knows
     */
    public HealthAssessment assess(List<Reading> readings) {
        Map<String, Reading> byName = new LinkedHashMap<>();
        for (Reading reading : readings) {
            if (!rules.containsKey(reading.name())) {
                throw new IllegalArgumentException("no rule for the component " + reading.name());
            }
            byName.put(reading.name(), reading);
        }
        List<ComponentScore> components = new ArrayList<>();
        double weighted = 0;
        double weights = 0;
        for (ComponentRule rule : rules.values()) {
            Reading reading = byName.getOrDefault(rule.name(), Reading.unknown(rule.name(), "not measured"));
            ComponentScore component = score(rule, reading);
            components.add(component);
            if (component.score().isPresent()) {
                weighted += rule.weight() * component.score().getAsDouble();
                weights += rule.weight();
            }
        }
        if (weights == 0) {
            return new HealthAssessment(OptionalDouble.empty(), Optional.empty(), components);
        }
        double score = weighted / weights;
        return new HealthAssessment(OptionalDouble.of(score), Optional.of(HealthStatus.of(score)), components);
    }

    private static ComponentScore score(ComponentRule rule, Reading reading) {
        if (reading.value().isEmpty()) {
            return new ComponentScore(
                    rule, OptionalDouble.empty(), OptionalDouble.empty(), ComponentStatus.UNKNOWN, reading.detail());
        }
        double value = reading.value().getAsDouble();
        return new ComponentScore(
                rule,
                reading.value(),
                OptionalDouble.of(rule.score(value)),
                rule.status(value),
                reading.detail() + "; warning at " + quantity(rule.warning(), rule.unit()) + ", critical at "
                        + quantity(rule.critical(), rule.unit()));
    }

    /** A threshold as people read it: 98%, 1.5×, 3 locks. */
    static String quantity(double value, String unit) {
        String number = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return unit.length() == 1 ? number + unit : number + " " + unit;
    }
}
