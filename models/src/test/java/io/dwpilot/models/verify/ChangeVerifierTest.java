package io.dwpilot.models.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.models.verify.FingerprintVerification.Role;
import io.dwpilot.models.verify.VerificationSettings.StatisticalTest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChangeVerifierTest {
    private static final VerificationSettings DEFAULTS = VerificationSettings.defaults();

    /** Log-normal latencies with the given median (ms) and log-scale spread, from a seeded stream. */
    private static double[] latencies(long seed, int n, double median, double sigma) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * Math.exp(sigma * random.nextGaussian());
        }
        return values;
    }

    /** A fingerprint whose median goes from {@code median} to {@code median / speedUp}. */
    private static LatencySample sample(
            String fingerprint, double weight, long seed, int n, double median, double speedUp) {
        return new LatencySample(
                fingerprint, weight, latencies(seed, n, median, 0.3), latencies(seed + 1, n, median / speedUp, 0.3));
    }

    @ParameterizedTest
    @EnumSource(StatisticalTest.class)
    void twofoldSpeedUpIsKept(StatisticalTest test) {
        Verification verification = ChangeVerifier.verify(
                List.of(sample("fast", 50, 1, 200, 40, 2.0)),
                List.of(sample("untouched", 20, 3, 200, 15, 1.0)),
                DEFAULTS.withTest(test));

        assertThat(verification.verdict()).as(verification.reason()).isEqualTo(Verdict.KEEP);
        FingerprintVerification fast = verification.affected().get(0);
        assertThat(fast.role()).isEqualTo(Role.AFFECTED);
        assertThat(fast.samplesBefore()).isEqualTo(200);
        assertThat(fast.samplesAfter()).isEqualTo(200);
        assertThat(fast.pValueFaster()).isLessThan(0.001);
        assertThat(fast.pValue()).isEqualTo(fast.pValueFaster());
        assertThat(fast.significantGain()).isTrue();
        assertThat(fast.relativeGain()).isCloseTo(0.5, within(0.08));
        assertThat(fast.centreBefore()).isCloseTo(40, within(5.0));
        assertThat(verification.weightedGain()).isEqualTo(fast.relativeGain());
        FingerprintVerification untouched = verification.others().get(0);
        assertThat(untouched.pValue()).isEqualTo(untouched.pValueSlower());
        assertThat(untouched.regressed()).isFalse();
        assertThat(verification.regressions()).isEmpty();
        assertThat(verification.reason()).contains("fast").contains("reaches the minimum gain");
    }

    @ParameterizedTest
    @EnumSource(StatisticalTest.class)
    void noChangeIsReverted(StatisticalTest test) {
        Verification verification = ChangeVerifier.verify(
                List.of(sample("same", 50, 11, 200, 40, 1.0)), List.of(), DEFAULTS.withTest(test));

        assertThat(verification.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(verification.reason()).contains("no affected fingerprint got significantly faster");
        assertThat(verification.affected().get(0).significantGain()).isFalse();
        assertThat(Math.abs(verification.weightedGain())).isLessThan(0.1);
    }

    @ParameterizedTest
    @EnumSource(StatisticalTest.class)
    void slowdownOfAnotherFingerprintOnTheTableReverts(StatisticalTest test) {
        Verification verification = ChangeVerifier.verify(
                List.of(sample("helped", 50, 21, 200, 40, 2.0)),
                List.of(sample("bystander", 30, 23, 200, 10, 1.0), sample("victim", 30, 25, 200, 10, 1 / 1.5)),
                DEFAULTS.withTest(test));

        assertThat(verification.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(verification.reason())
                .contains("regression")
                .contains("victim")
                .doesNotContain("bystander");
        assertThat(verification.regressions())
                .extracting(FingerprintVerification::fingerprint)
                .containsExactly("victim");
        FingerprintVerification victim = verification.others().get(1);
        assertThat(victim.role()).isEqualTo(Role.OTHER);
        assertThat(victim.pValueSlower()).isLessThan(0.001);
        assertThat(victim.relativeGain()).isCloseTo(-0.5, within(0.1));
        assertThat(verification.affected().get(0).significantGain()).isTrue();
    }

    @Test
    void slowdownOfAnAffectedFingerprintReverts() {
        Verification verification = ChangeVerifier.verify(
                List.of(sample("helped", 50, 31, 200, 40, 2.0), sample("hurt", 10, 33, 200, 40, 1 / 1.5)),
                List.of(),
                DEFAULTS);

        assertThat(verification.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(verification.regressions())
                .extracting(FingerprintVerification::fingerprint)
                .containsExactly("hurt");
    }

    @Test
    void significantSlowdownWithinTheToleranceDoesNotRevert() {
        LatencySample slightlySlower = new LatencySample(
                "slightly-slower", 30, latencies(41, 2000, 10, 0.05), latencies(42, 2000, 10 * 1.05, 0.05));
        Verification verification = ChangeVerifier.verify(
                List.of(sample("helped", 50, 43, 200, 40, 2.0)), List.of(slightlySlower), DEFAULTS);

        FingerprintVerification other = verification.others().get(0);
        assertThat(other.pValueSlower()).isLessThan(0.001);
        assertThat(other.regressed()).isFalse();
        assertThat(verification.verdict()).isEqualTo(Verdict.KEEP);
    }

    @Test
    void tooFewSamplesIsInconclusive() {
        Verification verification = ChangeVerifier.verify(
                List.of(
                        sample("rare", 5, 51, 10, 40, 2.0),
                        new LatencySample("unseen", 1, new double[0], latencies(52, 300, 40, 0.3))),
                List.of(sample("other", 30, 53, 200, 10, 1.0)),
                DEFAULTS);

        assertThat(verification.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verification.reason()).contains("20");
        assertThat(verification.weightedGain()).isNaN();
        FingerprintVerification rare = verification.affected().get(0);
        assertThat(rare.enoughSamples()).isFalse();
        assertThat(rare.pValueFaster()).isNaN();
        assertThat(rare.samplesBefore()).isEqualTo(10);
        assertThat(verification.affected().get(1).centreBefore()).isNaN();
    }

    @Test
    void regressionIsRevertedEvenWhenTheAffectedAreTooFewToJudge() {
        Verification verification = ChangeVerifier.verify(
                List.of(sample("rare", 5, 61, 10, 40, 2.0)),
                List.of(sample("victim", 30, 63, 200, 10, 1 / 1.5)),
                DEFAULTS);

        assertThat(verification.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(verification.reason()).contains("victim");
    }

    @ParameterizedTest
    @EnumSource(StatisticalTest.class)
    void tinySignificantGainBelowTheMinimumIsReverted(StatisticalTest test) {
        LatencySample tiny =
                new LatencySample("tiny", 50, latencies(71, 2000, 40, 0.05), latencies(72, 2000, 40 / 1.05, 0.05));
        Verification verification = ChangeVerifier.verify(List.of(tiny), List.of(), DEFAULTS.withTest(test));

        FingerprintVerification result = verification.affected().get(0);
        assertThat(result.pValueFaster()).isLessThan(0.001);
        assertThat(result.relativeGain()).isBetween(0.02, 0.08);
        assertThat(result.significantGain()).isFalse();
        assertThat(verification.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(verification.reason()).contains("tiny").contains("10.0 %");
    }

    @Test
    void largeGainOnARareFingerprintDoesNotOutweighNoneOnAFrequentOne() {
        Verification verification = ChangeVerifier.verify(
                List.of(sample("rare", 1, 81, 200, 200, 2.0), sample("frequent", 100, 83, 200, 20, 1.0)),
                List.of(),
                DEFAULTS);

        assertThat(verification.affected().get(0).significantGain()).isTrue();
        assertThat(verification.weightedGain()).isLessThan(DEFAULTS.minimumGain());
        assertThat(verification.verdict()).isEqualTo(Verdict.REVERT);
        assertThat(verification.reason()).startsWith("weighted gain");

        Verification equalWeights = ChangeVerifier.verify(
                List.of(sample("rare", 1, 81, 200, 200, 2.0), sample("frequent", 1, 83, 200, 20, 1.0)),
                List.of(),
                DEFAULTS);
        assertThat(equalWeights.verdict()).isEqualTo(Verdict.KEEP);
    }

    @Test
    void fingerprintsMustBeDistinct() {
        LatencySample a = sample("a", 1, 91, 30, 10, 1.0);
        assertThatThrownBy(() -> ChangeVerifier.verify(List.of(a), List.of(a), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
    }

    @Test
    void samplesAreValidatedAndCopied() {
        double[] before = {1, 2, 3};
        LatencySample sample = new LatencySample("f", 2, before, new double[] {1});
        before[0] = 99;
        assertThat(sample.before()).containsExactly(1, 2, 3);
        sample.before()[1] = 99;
        assertThat(sample.before()).containsExactly(1, 2, 3);
        assertThat(sample).isEqualTo(new LatencySample("f", 2, new double[] {1, 2, 3}, new double[] {1}));

        assertThatThrownBy(() -> new LatencySample(" ", 1, new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySample("f", -1, new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySample("f", Double.NaN, new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySample("f", 1, new double[] {-1}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySample("f", 1, new double[0], new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencySample("f", 1, null, new double[0]))
                .isInstanceOf(NullPointerException.class);
    }
}
