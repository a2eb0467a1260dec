package io.dwpilot.models.ml.cost;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ways to split logged executions into training, validation and test sets. Each set keeps time order.
 * {@link #byTime} asks "how well does a model trained on the past predict the future?";
 * {@link #byFingerprint} asks "how well does it predict statements it has never seen?".
 */
public final class CostSplits {
    private CostSplits() {}

    /** Three disjoint sets of examples, each in time order. */
    public record Split(List<CostExample> train, List<CostExample> validation, List<CostExample> test) {
        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
            test = List.copyOf(test);
        }
    }

    /**
     * The oldest {@code train} share for training, the next {@code validation} share for validation, the newest rest
     * for testing (70/15/15 with {@code 0.7, 0.15}).
     *
     * @throws IllegalArgumentException unless both shares are positive and sum below 1
     */
    public static Split byTime(List<CostExample> examples, double train, double validation) {
        requireShares(train, validation);
        List<CostExample> ordered = inTimeOrder(examples);
        int n = ordered.size();
        int trainEnd = (int) Math.round(n * train);
        int validationEnd = (int) Math.round(n * (train + validation));
        return new Split(
                ordered.subList(0, trainEnd),
                ordered.subList(trainEnd, validationEnd),
                ordered.subList(validationEnd, n));
    }

    /**
     * Holds out whole fingerprints: a seeded shuffle of the distinct fingerprints puts {@code testShare} of them
     * (at least one) in the test set, the next {@code validationShare} (at least one) in validation and the rest in
     * training, so that no test fingerprint is ever trained on.
     *
     * @throws IllegalArgumentException unless both shares are positive and sum below 1, and there are enough
     *                                  fingerprints for all three sets
     */
    public static Split byFingerprint(List<CostExample> examples, double validationShare, double testShare, long seed) {
        requireShares(validationShare, testShare);
        List<String> fingerprints = new ArrayList<>(distinctFingerprints(examples));
        Collections.shuffle(fingerprints, new Random(seed));
        int total = fingerprints.size();
        int testCount = Math.max(1, (int) Math.round(total * testShare));
        int validationCount = Math.max(1, (int) Math.round(total * validationShare));
        if (testCount + validationCount >= total) {
            throw new IllegalArgumentException(total + " fingerprints are too few to hold out " + testCount
                    + " for testing and " + validationCount + " for validation and still train");
        }
        Set<String> test = Set.copyOf(fingerprints.subList(0, testCount));
        Set<String> validation = Set.copyOf(fingerprints.subList(testCount, testCount + validationCount));
        List<CostExample> ordered = inTimeOrder(examples);
        return new Split(
                ordered.stream()
                        .filter(e -> !test.contains(e.fingerprint()) && !validation.contains(e.fingerprint()))
                        .toList(),
                ordered.stream()
                        .filter(e -> validation.contains(e.fingerprint()))
                        .toList(),
                ordered.stream().filter(e -> test.contains(e.fingerprint())).toList());
    }

    private static void requireShares(double first, double second) {
        if (!(first > 0) || !(second > 0) || !(first + second < 1)) {
            throw new IllegalArgumentException(
                    "shares must be positive and sum below 1, were " + first + " and " + second);
        }
    }

    // sorted first, so that the seeded shuffle does not depend on the order examples came in
    private static TreeSet<String> distinctFingerprints(List<CostExample> examples) {
        TreeSet<String> fingerprints = new TreeSet<>();
        examples.forEach(e -> fingerprints.add(e.fingerprint()));
        return fingerprints;
    }

    private static List<CostExample> inTimeOrder(List<CostExample> examples) {
        return examples.stream().sorted(Comparator.comparing(CostExample::at)).toList();
    }
}
