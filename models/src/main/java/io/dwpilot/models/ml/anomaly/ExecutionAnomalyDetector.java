package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.eval.DetectionMetrics;
import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.CorruptArtifactException;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Flags anomalous executions: an {@link IsolationForest} over {@link AnomalyFeatures}, OR-ed with
 * {@link DetectionRules}.
 *
 * <p><b>Why both.</b> The forest learns, without labels, what ordinary executions look like jointly — time against the
 * cost model's prediction and the fingerprint's history, absolute cost, concurrency — and catches combinations no
 * single rule names, such as a heavy aggregate that is slow only because fifty others run beside it. But it can only
 * isolate a point along a feature that varies in its training sample: if training saw no failure, or every shape had
 * been seen, the {@code failed} or {@code unseen} feature is constant there and never split on, and an execution that
 * differs only in it looks ordinary. Those signatures are exactly what the rules state, at high precision. So an
 * execution is anomalous if an enabled rule fires or its forest score reaches the threshold.
 *
 * <p><b>Threshold.</b> The threshold is set on a validation set the forest was not fitted on. With labels it is the
 * one that maximises F1 of the combined decision subject to a false-positive rate of at most
 * {@link #MAX_FALSE_POSITIVE_RATE}; the labels also decide which rules take part — every subset of rules is tried
 * with its own best threshold and the best F1 wins (ties go to more rules), so a rule that flags mostly normal
 * executions in this workload (say, a warehouse where failures are routine) is switched off rather than trusted.
 * Without labels all rules are on and the threshold is the (1 - {@link #CONTAMINATION}) quantile of the validation
 * scores, i.e. the forest alone flags about that share of executions.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExecutionAnomalyDetector {
    /** Trees in the forest (the paper's default). */
    public static final int TREES = 100;
    /** Rows each tree is grown on (the paper's default). */
    public static final int SAMPLE_SIZE = 256;
    /** Share of executions assumed anomalous when the threshold must be set without labels. */
    public static final double CONTAMINATION = 0.01;
    /** The false-positive rate the labelled threshold search must keep to. */
    public static final double MAX_FALSE_POSITIVE_RATE = 0.05;

    private static final int MAGIC = 0x44574144; // "DWAD"
    private static final int FORMAT_VERSION = 1;

    /** How the threshold was set. */
    public enum ThresholdSource {
        LABELLED_VALIDATION,
        CONTAMINATION_QUANTILE,
        FIXED
    }

    /**
     * The verdict on one execution.
     *
     * @param score     the forest's score in (0, 1)
     * @param anomalous whether a rule fired or the score reached the threshold
     * @param reason    the rule that fired, or how the score compares with the threshold
     */
    public record Detection(double score, boolean anomalous, String reason) {}

    private final IsolationForest forest;
    private final DetectionRules rules;
    private final double threshold;
    private final ThresholdSource thresholdSource;
    private final long seed;
    private final int trainSize;

    private ExecutionAnomalyDetector(
            IsolationForest forest,
            DetectionRules rules,
            double threshold,
            ThresholdSource thresholdSource,
            long seed,
            int trainSize) {
        if (forest.dimensions() != AnomalyFeatures.NAMES.size()) {
            throw new IllegalArgumentException("the forest has " + forest.dimensions() + " dimensions, the features "
                    + AnomalyFeatures.NAMES.size());
        }
        if (!(threshold > 0 && threshold <= ThresholdSearch.NEVER)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        this.forest = forest;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.threshold = threshold;
        this.thresholdSource = Objects.requireNonNull(thresholdSource, "thresholdSource");
        this.seed = seed;
        this.trainSize = trainSize;
    }

    /**
     * Fits the forest on {@code train} and sets the threshold (and, with labels, the rules) on {@code validation};
     * see the class comment.
     *
     * @param validationLabels one per validation execution: true for an anomalous one
     */
    public static ExecutionAnomalyDetector train(
            List<ExecutionObservation> train,
            List<ExecutionObservation> validation,
            Optional<boolean[]> validationLabels,
            long seed) {
        if (train.size() < 2 || validation.isEmpty()) {
            throw new IllegalArgumentException("need at least two training and one validation execution, got "
                    + train.size() + " and " + validation.size());
        }
        validationLabels.ifPresent(labels -> checkLabels(validation, labels));
        IsolationForest forest = IsolationForest.fit(features(train), TREES, SAMPLE_SIZE, seed);
        double[] scores =
                Arrays.stream(features(validation)).mapToDouble(forest::score).toArray();
        if (validationLabels.isEmpty()) {
            return new ExecutionAnomalyDetector(
                    forest,
                    DetectionRules.defaults(),
                    quantile(scores, 1 - CONTAMINATION),
                    ThresholdSource.CONTAMINATION_QUANTILE,
                    seed,
                    train.size());
        }
        Tuned tuned = tune(validation, scores, validationLabels.get());
        return new ExecutionAnomalyDetector(
                forest,
                tuned.rules(),
                tuned.choice().threshold(),
                ThresholdSource.LABELLED_VALIDATION,
                seed,
                train.size());
    }

    private record Tuned(DetectionRules rules, ThresholdSearch.Choice choice) {}

    /** The rule subset and threshold with the best validation F1 within the false-positive bound. */
    private static Tuned tune(List<ExecutionObservation> validation, double[] scores, boolean[] labels) {
        Optional<Tuned> best = Optional.empty();
        for (DetectionRules candidate : ruleSubsets(DetectionRules.defaults())) {
            boolean[] forced = new boolean[validation.size()];
            for (int i = 0; i < forced.length; i++) {
                forced[i] = candidate.fires(validation.get(i));
            }
            Optional<ThresholdSearch.Choice> choice =
                    ThresholdSearch.best(scores, forced, labels, MAX_FALSE_POSITIVE_RATE);
            if (choice.isPresent()
                    && (best.isEmpty()
                            || choice.get().metrics().f1()
                                    > best.get().choice().metrics().f1())) {
                best = Optional.of(new Tuned(candidate, choice.get()));
            }
        }
        // the empty rule set with the NEVER threshold has no false positive, so some candidate always qualifies
        return best.orElseThrow();
    }

    /** Judges one execution. */
    public Detection detect(ExecutionObservation observation) {
        double score = forest.score(AnomalyFeatures.of(observation));
        Optional<String> rule = rules.reason(observation);
        if (rule.isPresent()) {
            return new Detection(score, true, rule.get());
        }
        boolean anomalous = score >= threshold;
        return new Detection(
                score,
                anomalous,
                String.format(
                        Locale.ROOT,
                        "isolation score %.3f %s threshold %.3f",
                        score,
                        anomalous ? ">=" : "<",
                        threshold));
    }

    /** Per-execution confusion counts of {@code detector} on labelled executions. */
    public static DetectionMetrics evaluate(
            ExecutionAnomalyDetector detector, List<ExecutionObservation> observations, boolean[] labels) {
        checkLabels(observations, labels);
        boolean[] predicted = new boolean[labels.length];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = detector.detect(observations.get(i)).anomalous();
        }
        return DetectionMetrics.ofFlags(predicted, labels);
    }

    /** The same forest and rules with another threshold (e.g. an operator's choice). */
    public ExecutionAnomalyDetector withThreshold(double threshold) {
        return new ExecutionAnomalyDetector(forest, rules, threshold, ThresholdSource.FIXED, seed, trainSize);
    }

    public double threshold() {
        return threshold;
    }

    public ThresholdSource thresholdSource() {
        return thresholdSource;
    }

    public DetectionRules rules() {
        return rules;
    }

    /** What the detector was built with and what training decided, for the model registry. */
    public Map<String, Object> hyperParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("features", AnomalyFeatures.NAMES);
        p.put("featureSchemaVersion", AnomalyFeatures.SCHEMA.version());
        p.put("trees", forest.trees());
        p.put("sampleSize", forest.sampleSize());
        p.put("seed", seed);
        p.put("trainSize", trainSize);
        p.put("threshold", threshold);
        p.put("thresholdSource", thresholdSource.name());
        p.put("contamination", CONTAMINATION);
        p.put("maxFalsePositiveRate", MAX_FALSE_POSITIVE_RATE);
        p.put("rules", rules.enabled().stream().sorted().map(Enum::name).toList());
        p.put("slowZ", rules.slowZ());
        p.put("slowRatio", rules.slowRatio());
        p.put("minHistory", AnomalyFeatures.MIN_HISTORY);
        return p;
    }

    public byte[] toArtifact() {
        return ArtifactFormat.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeInt(AnomalyFeatures.SCHEMA.version());
            out.writeLong(seed);
            out.writeInt(trainSize);
            out.writeDouble(threshold);
            out.writeUTF(thresholdSource.name());
            List<DetectionRules.Rule> enabled =
                    rules.enabled().stream().sorted().toList();
            out.writeInt(enabled.size());
            for (DetectionRules.Rule rule : enabled) {
                out.writeUTF(rule.name());
            }
            out.writeDouble(rules.slowZ());
            out.writeDouble(rules.slowRatio());
            ArtifactFormat.writeBlock(out, forest.toBytes());
        });
    }

    /** @throws CorruptArtifactException if the bytes are not an intact detector of this feature schema */
    public static ExecutionAnomalyDetector fromArtifact(byte[] bytes) {
        return ArtifactFormat.read(
                bytes, MAGIC, FORMAT_VERSION, "execution anomaly detector", ExecutionAnomalyDetector::read);
    }

    private static ExecutionAnomalyDetector read(DataInputStream in) throws IOException {
        int schemaVersion = in.readInt();
        if (schemaVersion != AnomalyFeatures.SCHEMA.version()) {
            throw new CorruptArtifactException("detector was trained on anomaly feature schema " + schemaVersion
                    + ", this code computes version " + AnomalyFeatures.SCHEMA.version());
        }
        long seed = in.readLong();
        int trainSize = in.readInt();
        double threshold = in.readDouble();
        ThresholdSource source = ThresholdSource.valueOf(in.readUTF());
        int ruleCount = ArtifactFormat.readCount(in, DetectionRules.Rule.values().length, "rule count");
        Set<DetectionRules.Rule> enabled = EnumSet.noneOf(DetectionRules.Rule.class);
        for (int i = 0; i < ruleCount; i++) {
            enabled.add(DetectionRules.Rule.valueOf(in.readUTF()));
        }
        DetectionRules rules = new DetectionRules(enabled, in.readDouble(), in.readDouble());
        IsolationForest forest = IsolationForest.fromBytes(ArtifactFormat.readBlock(in));
        return new ExecutionAnomalyDetector(forest, rules, threshold, source, seed, trainSize);
    }

    /** Every subset of the enabled rules, largest first. */
    private static List<DetectionRules> ruleSubsets(DetectionRules all) {
        List<DetectionRules.Rule> rules = all.enabled().stream().sorted().toList();
        List<Set<DetectionRules.Rule>> subsets = new ArrayList<>();
        for (int mask = 0; mask < 1 << rules.size(); mask++) {
            Set<DetectionRules.Rule> subset = EnumSet.noneOf(DetectionRules.Rule.class);
            for (int r = 0; r < rules.size(); r++) {
                if ((mask & 1 << r) != 0) {
                    subset.add(rules.get(r));
                }
            }
            subsets.add(subset);
        }
        subsets.sort((a, b) -> Integer.compare(b.size(), a.size()));
        return subsets.stream().map(all::only).toList();
    }

    private static double[][] features(List<ExecutionObservation> observations) {
        return observations.stream().map(AnomalyFeatures::of).toArray(double[][]::new);
    }

    /** The nearest-rank {@code q}-quantile. */
    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void checkLabels(List<ExecutionObservation> observations, boolean[] labels) {
        if (labels.length != observations.size()) {
            throw new IllegalArgumentException(observations.size() + " executions but " + labels.length + " labels");
        }
    }
}
