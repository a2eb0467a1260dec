package io.dwpilot.models.index;

/** How many bytes an index would take once built. */
@FunctionalInterface
public interface SizeEstimator {
    /** The estimated size of {@code candidate} in bytes, at least one page. */
    long bytes(IndexCandidate candidate);

    /**
     * This estimator with every estimate multiplied by {@code factor}, typically the measured ratio of real to
     * estimated size of the indexes built so far.
     */
    default SizeEstimator calibrated(double factor) {
        SizeEstimator.checkFactor(factor);
        SizeEstimator base = this;
        return candidate -> Math.round(base.bytes(candidate) * factor);
    }

    static void checkFactor(double factor) {
        if (!Double.isFinite(factor) || factor <= 0) {
            throw new IllegalArgumentException("a calibration factor must be finite and positive: " + factor);
        }
    }
}
