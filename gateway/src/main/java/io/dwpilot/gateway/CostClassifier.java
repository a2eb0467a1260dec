package io.dwpilot.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends a statement to a lane by its fingerprint's cost: a predicted execution time when one is given and
 * trustworthy, else the running estimate of the fingerprint's recent successful executions, else (never seen) the
 * interactive lane. The estimate is an exponentially weighted mean (a new execution weighs {@link #WEIGHT}), cheap
 * to keep per fingerprint and quick to follow a fingerprint that became slow, e.g. after an index was dropped.
 *
 * <p>A prediction is not trusted, and the observed estimate decides instead, when the fingerprint has run at least
 * {@link #TRUSTED_HISTORY} times and the prediction lies more than {@link #TRUSTED_SPREAD} times outside the range
 * of times it has shown (below its fastest / {@code TRUSTED_SPREAD} or above its slowest × {@code TRUSTED_SPREAD}).
 * A model may know more than the history (these literals, this load), but a statement that has run in 5 to 9 ms
 * a dozen times does not take 2 seconds, let alone 10²⁵ ms: a prediction that far off is the model's failure, not
 * news about the statement. A fingerprint with a shorter history has nothing to check against, and the prediction
 * (already clamped by the estimator) decides.
 */
final class CostClassifier {
    static final double WEIGHT = 0.3;
    /** Executions of a fingerprint before its observed range can overrule a prediction. */
    static final int TRUSTED_HISTORY = 5;
    /**
     * How far outside the observed range a prediction may lie and still decide: a decade, beyond the learned model's
     * p95 q-error on held-out executions (5.5 in docs/results/models.md) — only its worst misses are overruled.
     */
    static final double TRUSTED_SPREAD = 10;

    /** What a fingerprint's successful executions showed: their weighted mean, fastest, slowest and number. */
    record Observed(double estimateMs, double fastestMs, double slowestMs, long executions) {
        static Observed first(double ms) {
            return new Observed(ms, ms, ms, 1);
        }

        Observed and(double ms) {
            return new Observed(
                    estimateMs + WEIGHT * (ms - estimateMs),
                    Math.min(fastestMs, ms),
                    Math.max(slowestMs, ms),
                    executions + 1);
        }

        /** Whether the history is long enough to judge a prediction by, and the prediction lies within reach of it. */
        boolean contradicts(double predictedMs) {
            return executions >= TRUSTED_HISTORY
                    && (predictedMs < fastestMs / TRUSTED_SPREAD || predictedMs > slowestMs * TRUSTED_SPREAD);
        }
    }

    private final double heavyThresholdMs;
    private final Cache<String, Observed> observed;

    CostClassifier(Duration heavyThreshold, long fingerprints) {
        this.heavyThresholdMs = heavyThreshold.toNanos() / 1e6;
        this.observed = Caffeine.newBuilder().maximumSize(fingerprints).build();
    }

    /**
     * {@code predictedMs} (the cost predictor's hook) wins over the observed estimate when it is finite and the
     * fingerprint's history does not contradict it.
     */
    Lane laneFor(String fingerprint, Optional<Double> predictedMs) {
        Optional<Observed> seen = Optional.ofNullable(observed.getIfPresent(fingerprint));
        return predictedMs
                .filter(ms ->
                        Double.isFinite(ms) && seen.map(o -> !o.contradicts(ms)).orElse(true))
                .or(() -> seen.map(Observed::estimateMs))
                .filter(ms -> ms >= heavyThresholdMs)
                .map(ms -> Lane.HEAVY)
                .orElse(Lane.INTERACTIVE);
    }

    /** Folds one successful execution's time into the fingerprint's estimate and range. */
    void observe(String fingerprint, double executionMs) {
        observed.asMap().merge(fingerprint, Observed.first(executionMs), (old, now) -> old.and(executionMs));
    }

    Optional<Double> estimateMs(String fingerprint) {
        return Optional.ofNullable(observed.getIfPresent(fingerprint)).map(Observed::estimateMs);
    }
}
