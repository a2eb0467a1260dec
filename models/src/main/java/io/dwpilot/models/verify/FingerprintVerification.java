package io.dwpilot.models.verify;

/**
 * The before/after comparison of one fingerprint.
 *
 * @param fingerprint    the fingerprint
 * @param role           whether the change was meant to help it, or it is only guarded against regressions
 * @param weight         how often it runs
 * @param samplesBefore  the number of latencies before the change
 * @param samplesAfter   the number of latencies after the change
 * @param centreBefore   the median (Mann-Whitney) or mean (Welch) latency before, in ms; NaN without samples
 * @param centreAfter    the median (Mann-Whitney) or mean (Welch) latency after, in ms; NaN without samples
 * @param relativeGain   {@code (centreBefore - centreAfter) / centreBefore}: positive when faster, negative when
 *                       slower; 0 when the centre before is 0 and the centre after too; NaN without samples
 * @param pValueFaster   the one-sided p-value of "after is faster"; NaN when there are too few samples
 * @param pValueSlower   the one-sided p-value of "after is slower" (the regression guard); NaN when there are too
 *                       few samples
 * @param enoughSamples  whether both sides have at least the minimum number of samples (only then is it judged)
 * @param significantGain whether it is affected, judged, significantly faster and gained at least the minimum gain
 * @param regressed      whether it is judged, significantly slower, and slower by more than the tolerance
 */
public record FingerprintVerification(
        String fingerprint,
        Role role,
        double weight,
        int samplesBefore,
        int samplesAfter,
        double centreBefore,
        double centreAfter,
        double relativeGain,
        double pValueFaster,
        double pValueSlower,
        boolean enoughSamples,
        boolean significantGain,
        boolean regressed) {

    /** Why a fingerprint takes part in a verification. */
    public enum Role {
        /** The change was meant to make it faster. */
        AFFECTED,
        /** It touches the changed table and must not get slower. */
        OTHER
    }

    /** The p-value that matters for its role: "after is faster" when affected, "after is slower" otherwise. */
    public double pValue() {
        return role == Role.AFFECTED ? pValueFaster : pValueSlower;
    }
}
