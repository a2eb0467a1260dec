package io.dwpilot.models.verify;

import java.util.Objects;

/**
 * How a change is verified.
 *
 * @param test                the statistical test comparing latencies before and after
 * @param alpha               the significance level of the one-sided tests, in (0, 1)
 * @param minimumGain         the smallest relative gain worth keeping a change for, as a fraction of the centre
 *                            (median for Mann-Whitney, mean for Welch) of the latency before, in [0, 1)
 * @param regressionTolerance how much slower (as a fraction of the centre before) a fingerprint may get before a
 *                            significant slowdown counts as a regression, at least 0
 * @param minimumSamples      the fewest latencies on each side (before and after) for a fingerprint to be judged,
 *                            at least 2
 */
public record VerificationSettings(
        StatisticalTest test, double alpha, double minimumGain, double regressionTolerance, int minimumSamples) {

    public static final double DEFAULT_ALPHA = 0.05;
    public static final double DEFAULT_MINIMUM_GAIN = 0.10;
    public static final double DEFAULT_REGRESSION_TOLERANCE = 0.10;
    public static final int DEFAULT_MINIMUM_SAMPLES = 20;

    /** The test comparing latencies before and after a change. */
    public enum StatisticalTest {
        /** Mann-Whitney U (rank-based, robust to the heavy tails of latencies); centre: the median. */
        MANN_WHITNEY,
        /** Welch's t-test (unequal variances); centre: the mean. */
        WELCH
    }

    public VerificationSettings {
        Objects.requireNonNull(test, "test");
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        }
        if (!(minimumGain >= 0 && minimumGain < 1)) {
            throw new IllegalArgumentException("minimumGain must be in [0, 1): " + minimumGain);
        }
        if (!(regressionTolerance >= 0) || Double.isInfinite(regressionTolerance)) {
            throw new IllegalArgumentException("regressionTolerance must be finite and >= 0: " + regressionTolerance);
        }
        if (minimumSamples < 2) {
            throw new IllegalArgumentException("minimumSamples must be >= 2: " + minimumSamples);
        }
    }

    /** Mann-Whitney U, alpha 0.05, minimum gain 10 %, regression tolerance 10 %, 20 samples per side. */
    public static VerificationSettings defaults() {
        return new VerificationSettings(
                StatisticalTest.MANN_WHITNEY,
                DEFAULT_ALPHA,
                DEFAULT_MINIMUM_GAIN,
                DEFAULT_REGRESSION_TOLERANCE,
                DEFAULT_MINIMUM_SAMPLES);
    }

    public VerificationSettings withTest(StatisticalTest newTest) {
        return new VerificationSettings(newTest, alpha, minimumGain, regressionTolerance, minimumSamples);
    }

    public VerificationSettings withAlpha(double newAlpha) {
        return new VerificationSettings(test, newAlpha, minimumGain, regressionTolerance, minimumSamples);
    }

    public VerificationSettings withMinimumGain(double newMinimumGain) {
        return new VerificationSettings(test, alpha, newMinimumGain, regressionTolerance, minimumSamples);
    }

    public VerificationSettings withRegressionTolerance(double newTolerance) {
        return new VerificationSettings(test, alpha, minimumGain, newTolerance, minimumSamples);
    }

    public VerificationSettings withMinimumSamples(int newMinimumSamples) {
        return new VerificationSettings(test, alpha, minimumGain, regressionTolerance, newMinimumSamples);
    }
}
