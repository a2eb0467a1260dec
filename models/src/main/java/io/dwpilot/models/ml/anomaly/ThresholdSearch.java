package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.eval.DetectionMetrics;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Picks a score threshold on labelled data: the one that maximises F1 of "forced or score >= threshold" while the
 * false-positive rate stays within a bound. Candidates are {@link #NEVER} (the score never fires, only the forced
 * flags count) and every distinct score; a sweep from the highest score down adds one group of equal scores at a
 * time, so the search is O(n log n). Among equal F1 the higher threshold wins (fewer alarms for the same quality).
 */
final class ThresholdSearch {
    /** A threshold no score in (0, 1) reaches. */
    static final double NEVER = 1.0;

    record Choice(double threshold, DetectionMetrics metrics) {}

    private ThresholdSearch() {}

    /** The best threshold, or empty if even the forced flags alone exceed {@code maxFalsePositiveRate}. */
    static Optional<Choice> best(double[] scores, boolean[] forced, boolean[] labels, double maxFalsePositiveRate) {
        if (scores.length != labels.length || forced.length != labels.length) {
            throw new IllegalArgumentException("scores, forced flags and labels differ in length: " + scores.length
                    + ", " + forced.length + ", " + labels.length);
        }
        long positives =
                IntStream.range(0, labels.length).filter(i -> labels[i]).count();
        long negatives = labels.length - positives;
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < labels.length; i++) {
            if (forced[i]) {
                tp += labels[i] ? 1 : 0;
                fp += labels[i] ? 0 : 1;
            }
        }
        Optional<Choice> best = Optional.empty();
        best = better(best, NEVER, counts(tp, fp, positives, negatives), maxFalsePositiveRate);
        Integer[] order = IntStream.range(0, scores.length)
                .filter(i -> !forced[i])
                .boxed()
                .toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        for (int k = 0; k < order.length; ) {
            double threshold = scores[order[k]];
            for (; k < order.length && scores[order[k]] == threshold; k++) {
                tp += labels[order[k]] ? 1 : 0;
                fp += labels[order[k]] ? 0 : 1;
            }
            best = better(best, threshold, counts(tp, fp, positives, negatives), maxFalsePositiveRate);
        }
        return best;
    }

    private static DetectionMetrics counts(long tp, long fp, long positives, long negatives) {
        return DetectionMetrics.ofCounts(tp, fp, positives - tp, negatives - fp);
    }

    private static Optional<Choice> better(Optional<Choice> best, double threshold, DetectionMetrics m, double maxFpr) {
        if (m.falsePositiveRate() > maxFpr) {
            return best;
        }
        if (best.isEmpty() || m.f1() > best.get().metrics().f1()) {
            return Optional.of(new Choice(threshold, m));
        }
        return best;
    }
}
