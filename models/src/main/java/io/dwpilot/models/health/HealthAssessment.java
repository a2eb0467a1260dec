package io.dwpilot.models.health;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The scored components and the weighted mean of those that could be measured; score and status are empty only when
 * none could.
 */
public record HealthAssessment(OptionalDouble score, Optional<HealthStatus> status, List<ComponentScore> components) {
    public HealthAssessment {
        components = List.copyOf(components);
    }
}
