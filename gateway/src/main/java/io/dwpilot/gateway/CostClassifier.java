package io.dwpilot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a statement to a lane by its fingerprint's cost: a predicted execution time when one is given, else the
 * running estimate of the fingerprint's recent successful executions, else (never seen) the interactive lane. The
 * estimate is an exponentially weighted mean (a new execution weighs {@link #WEIGHT}), cheap to keep per fingerprint
 * and quick to follow a fingerprint that became slow, e.g. after an index was dropped.
 */
final class CostClassifier {
    static final double WEIGHT = 0.3;

    private final double heavyThresholdMs;
    private final Cache<String, Double> estimatesMs;

    CostClassifier(Duration heavyThreshold, long fingerprints) {
        this.heavyThresholdMs = heavyThreshold.toNanos() / 1e6;
        this.estimatesMs = Caffeine.newBuilder().maximumSize(fingerprints).build();
    }

    /** {@code predictedMs} wins over the observed estimate when present (the cost predictor's hook). */
    Lane laneFor(String fingerprint, Optional<Double> predictedMs) {
        return predictedMs
                .or(() -> estimateMs(fingerprint))
                .filter(ms -> ms >= heavyThresholdMs)
                .map(ms -> Lane.HEAVY)
                .orElse(Lane.INTERACTIVE);
    }

    /** Folds one successful execution's time into the fingerprint's estimate. */
    void observe(String fingerprint, double executionMs) {
        estimatesMs.asMap().merge(fingerprint, executionMs, (old, now) -> old + WEIGHT * (now - old));
    }

    Optional<Double> estimateMs(String fingerprint) {
        return Optional.ofNullable(estimatesMs.getIfPresent(fingerprint));
    }
}
