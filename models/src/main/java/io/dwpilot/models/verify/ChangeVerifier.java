package io.dwpilot.models.verify;

import io.dwpilot.models.verify.FingerprintVerification.Role;
import io.dwpilot.models.verify.VerificationSettings.StatisticalTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.TTest;

/**
 * Decides whether an applied change is kept, reverted, or needs more executions, from latencies measured before and
 * after it. The rules are described in the {@linkplain io.dwpilot.models.verify package documentation}. Stateless
 * and thread-safe.
 */
public final class ChangeVerifier {
    private static final MannWhitneyUTest MANN_WHITNEY =
            MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);
    private static final TTest WELCH =
            TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).with(AlternativeHypothesis.GREATER_THAN);

    private ChangeVerifier() {}

    /**
     * Verifies a change.
     *
     * @param affected the fingerprints the change was meant to make faster
     * @param others   the other fingerprints touching the changed table (the regression guard)
     * @param settings the test, significance, minimum gain, regression tolerance and minimum samples
     * @throws IllegalArgumentException when a fingerprint appears twice
     */
    public static Verification verify(
            List<LatencySample> affected, List<LatencySample> others, VerificationSettings settings) {
        Objects.requireNonNull(affected, "affected");
        Objects.requireNonNull(others, "others");
        Objects.requireNonNull(settings, "settings");
        Set<String> seen = new HashSet<>();
        for (LatencySample sample : concat(affected, others)) {
            Objects.requireNonNull(sample, "sample");
            if (!seen.add(sample.fingerprint())) {
                throw new IllegalArgumentException("fingerprint given twice: " + sample.fingerprint());
            }
        }
        List<FingerprintVerification> affectedResults = new ArrayList<>();
        for (LatencySample sample : affected) {
            affectedResults.add(compare(sample, Role.AFFECTED, settings));
        }
        List<FingerprintVerification> otherResults = new ArrayList<>();
        for (LatencySample sample : others) {
            otherResults.add(compare(sample, Role.OTHER, settings));
        }
        List<FingerprintVerification> judged = affectedResults.stream()
                .filter(FingerprintVerification::enoughSamples)
                .toList();
        double weightedGain = weightedGain(judged);
        String centre = settings.test() == StatisticalTest.MANN_WHITNEY ? "median" : "mean";

        // Rule 1: any significant slowdown beyond the tolerance, affected or not, reverts.
        List<FingerprintVerification> regressions = concat(affectedResults, otherResults).stream()
                .filter(FingerprintVerification::regressed)
                .toList();
        if (!regressions.isEmpty()) {
            String which = regressions.stream()
                    .map(r -> String.format(
                            Locale.ROOT,
                            "%s (%s %s, %s slower, p=%.3g)",
                            r.fingerprint(),
                            r.role() == Role.AFFECTED ? "affected" : "other",
                            centre,
                            percent(-r.relativeGain()),
                            r.pValueSlower()))
                    .collect(Collectors.joining(", "));
            return new Verification(
                    Verdict.REVERT,
                    "regression beyond the tolerance of " + percent(settings.regressionTolerance()) + ": " + which,
                    affectedResults,
                    otherResults,
                    weightedGain,
                    settings);
        }
        // Rule 2: no affected fingerprint ran often enough on both sides: wait.
        if (judged.isEmpty()) {
            return new Verification(
                    Verdict.INCONCLUSIVE,
                    "no affected fingerprint has at least " + settings.minimumSamples()
                            + " latencies before and after the change",
                    affectedResults,
                    otherResults,
                    weightedGain,
                    settings);
        }
        // Rule 3: no affected fingerprint gained significantly by at least the minimum gain.
        List<FingerprintVerification> gains =
                judged.stream().filter(FingerprintVerification::significantGain).toList();
        if (gains.isEmpty()) {
            String best = judged.stream()
                    .map(r -> String.format(
                            Locale.ROOT,
                            "%s (%s gain %s, p=%.3g)",
                            r.fingerprint(),
                            centre,
                            percent(r.relativeGain()),
                            r.pValueFaster()))
                    .collect(Collectors.joining(", "));
            return new Verification(
                    Verdict.REVERT,
                    "no affected fingerprint got significantly faster (alpha " + settings.alpha() + ") by at least "
                            + percent(settings.minimumGain()) + ": " + best,
                    affectedResults,
                    otherResults,
                    weightedGain,
                    settings);
        }
        // Rule 4: the gain weighted by frequency is too small.
        if (weightedGain < settings.minimumGain()) {
            return new Verification(
                    Verdict.REVERT,
                    "weighted gain " + percent(weightedGain) + " over " + judged.size()
                            + " affected fingerprint(s) is below the minimum gain of "
                            + percent(settings.minimumGain()),
                    affectedResults,
                    otherResults,
                    weightedGain,
                    settings);
        }
        // Rule 5: keep.
        String significant = gains.stream()
                .map(r -> String.format(
                        Locale.ROOT,
                        "%s (%s gain %s, p=%.3g)",
                        r.fingerprint(),
                        centre,
                        percent(r.relativeGain()),
                        r.pValueFaster()))
                .collect(Collectors.joining(", "));
        long guarded = concat(affectedResults, otherResults).stream()
                .filter(FingerprintVerification::enoughSamples)
                .count();
        return new Verification(
                Verdict.KEEP,
                "weighted gain " + percent(weightedGain) + " over " + judged.size()
                        + " affected fingerprint(s) reaches the minimum gain of " + percent(settings.minimumGain())
                        + "; significant: " + significant + "; no regression among " + guarded
                        + " guarded fingerprint(s)",
                affectedResults,
                otherResults,
                weightedGain,
                settings);
    }

    private static FingerprintVerification compare(LatencySample sample, Role role, VerificationSettings settings) {
        double[] before = sample.before();
        double[] after = sample.after();
        boolean mannWhitney = settings.test() == StatisticalTest.MANN_WHITNEY;
        double centreBefore = centre(before, mannWhitney);
        double centreAfter = centre(after, mannWhitney);
        double gain = relativeGain(centreBefore, centreAfter);
        boolean enough = before.length >= settings.minimumSamples() && after.length >= settings.minimumSamples();
        double pFaster = Double.NaN;
        double pSlower = Double.NaN;
        boolean significantGain = false;
        boolean regressed = false;
        if (enough) {
            pFaster = pValueGreater(before, after, mannWhitney);
            pSlower = pValueGreater(after, before, mannWhitney);
            significantGain = role == Role.AFFECTED && pFaster < settings.alpha() && gain >= settings.minimumGain();
            regressed = pSlower < settings.alpha() && -gain > settings.regressionTolerance();
        }
        return new FingerprintVerification(
                sample.fingerprint(),
                role,
                sample.weight(),
                before.length,
                after.length,
                centreBefore,
                centreAfter,
                gain,
                pFaster,
                pSlower,
                enough,
                significantGain,
                regressed);
    }

    /** The one-sided p-value of "x is greater than y"; 1 when the test gives no number (e.g. constant data). */
    private static double pValueGreater(double[] x, double[] y, boolean mannWhitney) {
        double p = mannWhitney
                ? MANN_WHITNEY.test(x, y).getPValue()
                : WELCH.test(x, y).getPValue();
        return Double.isNaN(p) ? 1.0 : p;
    }

    private static double centre(double[] values, boolean median) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (!median) {
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            return sum / values.length;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double relativeGain(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return Double.NaN;
        }
        if (before == 0) {
            return after == 0 ? 0 : Double.NEGATIVE_INFINITY;
        }
        return (before - after) / before;
    }

    /** Frequency-weighted mean of the relative gains; an unweighted mean when every weight is 0. */
    private static double weightedGain(List<FingerprintVerification> judged) {
        if (judged.isEmpty()) {
            return Double.NaN;
        }
        double totalWeight =
                judged.stream().mapToDouble(FingerprintVerification::weight).sum();
        if (totalWeight == 0) {
            return judged.stream()
                    .mapToDouble(FingerprintVerification::relativeGain)
                    .average()
                    .orElse(Double.NaN);
        }
        double sum = 0;
        for (FingerprintVerification result : judged) {
            if (result.weight() == 0) {
                continue;
            }
            sum += result.weight() * result.relativeGain();
        }
        return sum / totalWeight;
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    private static <T> List<T> concat(List<? extends T> first, List<? extends T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
