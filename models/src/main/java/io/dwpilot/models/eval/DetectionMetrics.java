package io.dwpilot.models.eval;

import java.util.Objects;
import java.util.Set;

/**
 * Detection quality from a confusion matrix: precision, recall, F1 and false-positive rate.
 *
 * <p>Zero denominators follow one rule: a ratio whose denominator is 0 is 1.0 if nothing went wrong and 0.0
 * otherwise. So precision with no predictions is 1.0 when there were also no labels (nothing to find, nothing
 * claimed) and 0.0 when labels were missed; recall with no labels is 1.0 when nothing was predicted and 0.0 when
 * there were false alarms; F1 follows the same rule (it is 1.0 only for an empty-vs-empty comparison). The
 * false-positive rate with no negatives is 0.0, and {@link Double#NaN} when true negatives are unknown
 * ({@code trueNegatives < 0}, as from {@link #of(Set, Set)}).
 */
public record DetectionMetrics(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    /** Negative true-negative count: the universe was not given, so the false-positive rate is unknown. */
    public static final long UNKNOWN = -1;

    public DetectionMetrics {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < UNKNOWN) {
            throw new IllegalArgumentException("counts must be >= 0 (trueNegatives may be -1 for unknown): tp="
                    + truePositives + " fp=" + falsePositives + " fn=" + falseNegatives + " tn=" + trueNegatives);
        }
    }

    /** From confusion counts. */
    public static DetectionMetrics ofCounts(long tp, long fp, long fn, long tn) {
        return new DetectionMetrics(tp, fp, fn, tn);
    }

    /** From predicted and labelled id sets; true negatives unknown. */
    public static <T> DetectionMetrics of(Set<T> predicted, Set<T> labelled) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(labelled, "labelled");
        long tp = predicted.stream().filter(labelled::contains).count();
        return new DetectionMetrics(tp, predicted.size() - tp, labelled.size() - tp, UNKNOWN);
    }

    /**
     * From predicted and labelled id sets within a universe of {@code universeSize} ids (e.g. all executions
     * judged); true negatives are the ids in neither set.
     *
     * @throws IllegalArgumentException if the universe is smaller than the union of both sets
     */
    public static <T> DetectionMetrics of(Set<T> predicted, Set<T> labelled, long universeSize) {
        DetectionMetrics m = of(predicted, labelled);
        long union = m.truePositives + m.falsePositives + m.falseNegatives;
        if (universeSize < union) {
            throw new IllegalArgumentException(
                    "universeSize " + universeSize + " is smaller than the " + union + " ids predicted or labelled");
        }
        return new DetectionMetrics(m.truePositives, m.falsePositives, m.falseNegatives, universeSize - union);
    }

    /** From predicted and labelled id sets within an explicit universe of ids. */
    public static <T> DetectionMetrics of(Set<T> predicted, Set<T> labelled, Set<T> universe) {
        Objects.requireNonNull(universe, "universe");
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (T id : universe) {
            boolean p = predicted.contains(id);
            boolean l = labelled.contains(id);
            if (p && l) {
                tp++;
            } else if (p) {
                fp++;
            } else if (l) {
                fn++;
            } else {
                tn++;
            }
        }
        if (tp + fp != predicted.size() || tp + fn != labelled.size()) {
            throw new IllegalArgumentException("predicted and labelled ids must all belong to the universe");
        }
        return new DetectionMetrics(tp, fp, fn, tn);
    }

    /**
     * From per-item flags: {@code predicted[i]} and {@code labelled[i]} judge the same item (e.g. one execution).
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static DetectionMetrics ofFlags(boolean[] predicted, boolean[] labelled) {
        if (predicted.length != labelled.length) {
            throw new IllegalArgumentException(predicted.length + " predictions but " + labelled.length + " labels");
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] && labelled[i]) {
                tp++;
            } else if (predicted[i]) {
                fp++;
            } else if (labelled[i]) {
                fn++;
            }
        }
        return new DetectionMetrics(tp, fp, fn, predicted.length - tp - fp - fn);
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives, falseNegatives == 0);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives, falsePositives == 0);
    }

    public double f1() {
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return ratio(2 * truePositives, denominator, true);
    }

    /** FP / (FP + TN); 0.0 with no negatives; NaN when true negatives are unknown. */
    public double falsePositiveRate() {
        if (trueNegatives < 0) {
            return Double.NaN;
        }
        return ratio(falsePositives, falsePositives + trueNegatives, false);
    }

    public long predictedPositives() {
        return truePositives + falsePositives;
    }

    public long labelledPositives() {
        return truePositives + falseNegatives;
    }

    private static double ratio(long numerator, long denominator, boolean nothingWrongWhenEmpty) {
        if (denominator == 0) {
            return nothingWrongWhenEmpty ? 1.0 : 0.0;
        }
        return (double) numerator / denominator;
    }
}
