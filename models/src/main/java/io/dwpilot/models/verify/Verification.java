package io.dwpilot.models.verify;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The outcome of verifying a change.
 *
 * @param verdict      keep, revert or wait
 * @param reason       why, in words (the rule that decided, with the numbers behind it)
 * @param affected     the comparisons of the fingerprints the change was meant to help, in the order given
 * @param others       the comparisons of the other fingerprints touching the table, in the order given
 * @param weightedGain the relative gains of the affected fingerprints with enough samples, weighted by how often
 *                     each runs; NaN when none has enough samples
 * @param settings     the settings used
 */
public record Verification(
        Verdict verdict,
        String reason,
        List<FingerprintVerification> affected,
        List<FingerprintVerification> others,
        double weightedGain,
        VerificationSettings settings) {
    public Verification {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(settings, "settings");
        affected = List.copyOf(affected);
        others = List.copyOf(others);
    }

    /** The fingerprints (affected or not) that regressed, affected ones first. */
    public List<FingerprintVerification> regressions() {
        return Stream.concat(affected.stream(), others.stream())
                .filter(FingerprintVerification::regressed)
                .toList();
    }
}
