package io.dwpilot.models.ml.anomaly;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Signatures of anomalous executions that need no model, in the spirit of the watcher's detectors
 * ({@link io.dwpilot.models.anomaly.SlowExecutionDetector}): a failed statement, a shape never seen, and a time far
 * above the fingerprint's own history — at least {@code slowZ} standard deviations of its log time above the mean
 * (see {@link AnomalyFeatures#historyZ}) <em>and</em> at least {@code slowRatio} times its usual (geometric mean)
 * time, so that a fingerprint with very steady times is not flagged for a small slowdown. Only the
 * {@code enabled} rules fire.
 */
public record DetectionRules(Set<Rule> enabled, double slowZ, double slowRatio) {
    /** Default rule thresholds: as in the watcher, about 4 deviations and 3 times the usual time. */
    public static final double DEFAULT_SLOW_Z = 4;

    public static final double DEFAULT_SLOW_RATIO = 3;

    public enum Rule {
        FAILED,
        UNSEEN_SHAPE,
        SLOW_FOR_HISTORY
    }

    public DetectionRules {
        Objects.requireNonNull(enabled, "enabled");
        enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
        if (!(slowZ > 0) || Double.isInfinite(slowZ) || !(slowRatio >= 1) || Double.isInfinite(slowRatio)) {
            throw new IllegalArgumentException(
                    "need slowZ > 0 and slowRatio >= 1, both finite; got " + slowZ + ", " + slowRatio);
        }
    }

    public static DetectionRules defaults() {
        return new DetectionRules(EnumSet.allOf(Rule.class), DEFAULT_SLOW_Z, DEFAULT_SLOW_RATIO);
    }

    /** The same thresholds with only {@code rules} enabled. */
    public DetectionRules only(Set<Rule> rules) {
        return new DetectionRules(rules, slowZ, slowRatio);
    }

    /** Why the first enabled rule that fires flags {@code o}, or empty if none does. */
    public Optional<String> reason(ExecutionObservation o) {
        if (enabled.contains(Rule.FAILED) && o.failed()) {
            return Optional.of("failed statement");
        }
        if (enabled.contains(Rule.UNSEEN_SHAPE) && !o.history().seen()) {
            return Optional.of("shape never seen before");
        }
        if (enabled.contains(Rule.SLOW_FOR_HISTORY)) {
            double z = AnomalyFeatures.historyZ(o);
            double usualMs = Math.exp(o.history().meanLogMs());
            if (z >= slowZ && o.actualMs() >= slowRatio * usualMs) {
                return Optional.of(String.format(
                        Locale.ROOT, "%.1fx its usual %.1f ms (z %.1f)", o.actualMs() / usualMs, usualMs, z));
            }
        }
        return Optional.empty();
    }

    public boolean fires(ExecutionObservation o) {
        return reason(o).isPresent();
    }
}
