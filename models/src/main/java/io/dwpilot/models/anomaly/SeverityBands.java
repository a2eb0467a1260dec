package io.dwpilot.models.anomaly;

import java.util.Optional;

/**
 * Score thresholds of the three severities: a score below {@code low} is no finding, from {@code low} it is
 * {@link Severity#LOW}, from {@code medium} {@link Severity#MEDIUM}, from {@code high} {@link Severity#HIGH}.
 */
public record SeverityBands(double low, double medium, double high) {
    public SeverityBands {
        if (!(low > 0 && low <= medium && medium <= high)) {
            throw new IllegalArgumentException(
                    "need 0 < low <= medium <= high, got " + low + ", " + medium + ", " + high);
        }
    }

    /** The severity of {@code score}, or empty below {@code low} (and for NaN). */
    public Optional<Severity> severityOf(double score) {
        if (!(score >= low)) {
            return Optional.empty();
        }
        if (score >= high) {
            return Optional.of(Severity.HIGH);
        }
        return Optional.of(score >= medium ? Severity.MEDIUM : Severity.LOW);
    }
}
