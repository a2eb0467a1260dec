package io.dwpilot.agents.learning;

import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.anomaly.SlowExecutionDetector;
import io.dwpilot.models.eval.DetectionMetrics;
import io.dwpilot.models.ml.anomaly.AnomalyFeatures;
import io.dwpilot.models.ml.anomaly.ExecutionAnomalyDetector;
import io.dwpilot.models.ml.anomaly.ExecutionObservation;
import io.dwpilot.models.ml.anomaly.PaceTracker;
import io.dwpilot.models.ml.cost.CostPredictor;
import io.dwpilot.models.ml.features.CostFeatures;
import io.dwpilot.models.ml.features.LatencyHistory;
import io.dwpilot.persistence.ml.LoggedExecution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The execution anomaly detector. Every logged execution becomes an observation as the gateway saw it: the
 * fingerprint's history before it (replayed through the gateway's own {@link LatencyHistory}), its concurrency, its
 * fingerprint's arrival pace (replayed through the {@link PaceTracker} the watcher feeds live), and its residual
 * against the cost model that serves. Split by time 70/15/15; with the simulator's labels the
 * threshold is tuned for F1 on validation and the test scores are precision, recall, F1 and false-positive rate per
 * execution (the threshold and rules tuned on the training and validation parts together, see below); without
 * labels the threshold follows a fixed contamination of the validation part. With labels the candidate must have a
 * higher test F1 than both the watcher's slow-execution detector (which reports alone while no detector serves)
 * and the active version, if any. Without labels nothing tells which of two detectors finds more anomalies: the
 * candidate must only have a test alert rate at least as near that contamination as the active version's (the
 * baseline is reported beside it, unscored: by that distance a detector that flags nothing would beat any that
 * alerts on more than twice the contamination).
 */
final class AnomalyTraining implements ModelTraining {
    static final int MINIMUM_OBSERVATIONS = 300;
    private static final double TRAIN = 0.70;
    private static final double VALIDATION = 0.15;
    private static final long SEED = 23;

    private final ActiveModels models;

    AnomalyTraining(ActiveModels models) {
        this.models = models;
    }

    @Override
    public ModelKind<?> kind() {
        return ModelKind.ANOMALY;
    }

    /** The executions as the detector sees them, oldest first, each with its history before it. */
    static List<ExecutionObservation> observations(List<LoggedExecution> executions, Optional<CostPredictor> cost) {
        Map<String, LatencyHistory> histories = new HashMap<>();
        PaceTracker pace = new PaceTracker();
        List<ExecutionObservation> observations = new ArrayList<>(executions.size());
        for (LoggedExecution e : executions) {
            LatencyHistory history = histories.computeIfAbsent(e.fingerprint(), f -> new LatencyHistory());
            boolean ok = e.status().succeeded();
            double predicted = cost.filter(c -> !e.features().isEmpty())
                    .map(c -> c.predictMs(CostFeatures.SCHEMA.vector(e.features())))
                    .orElse(Double.NaN);
            observations.add(new ExecutionObservation(
                    e.fingerprint(),
                    e.at(),
                    !ok,
                    e.executionMs(),
                    predicted,
                    history.snapshot(),
                    e.concurrentQueries().orElse(0),
                    pace.observe(e.fingerprint(), e.at())));
            if (ok) {
                history.observe(e.executionMs());
            }
        }
        return observations;
    }

    @Override
    public Candidate train(TrainingSet data, TrainingProgress progress) throws TrainingException {
        List<LoggedExecution> executions = data.executions();
        if (executions.size() < MINIMUM_OBSERVATIONS) {
            throw new TrainingException(
                    "only " + executions.size() + " executions (at least " + MINIMUM_OBSERVATIONS + " are needed)");
        }
        List<ExecutionObservation> all = observations(executions, data.costModel());
        boolean[] labels = new boolean[all.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.anomalyLabels().containsKey(executions.get(i).queryId());
        }
        int trainEnd = (int) (all.size() * TRAIN);
        int validationEnd = (int) (all.size() * (TRAIN + VALIDATION));
        boolean labelled = !data.anomalyLabels().isEmpty();
        progress.step(
                kind().name(),
                String.format(
                        Locale.ROOT,
                        "%,d executions (%s): %,d train, %,d validation," + " %,d test",
                        all.size(),
                        labelled ? count(labels) + " labelled anomalous" : "no labels",
                        trainEnd,
                        validationEnd - trainEnd,
                        all.size() - validationEnd));
        List<ExecutionObservation> test = all.subList(validationEnd, all.size());
        boolean[] testLabels = Arrays.copyOfRange(labels, validationEnd, labels.length);
        long started = System.nanoTime();
        // With labels, the threshold and the rules are tuned on everything before the test part: episodes are rare,
        // and a validation part of 15 % alone may hold none of some kind, which would tune its detection away.
        int tuneFrom = labelled ? 0 : trainEnd;
        ExecutionAnomalyDetector detector = ExecutionAnomalyDetector.train(
                all.subList(0, trainEnd),
                all.subList(tuneFrom, validationEnd),
                labelled ? Optional.of(Arrays.copyOfRange(labels, tuneFrom, validationEnd)) : Optional.empty(),
                SEED);
        double fitSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("labelled", labelled);
        metrics.put("fit_seconds", fitSeconds);
        DetectionMetrics candidate = ExecutionAnomalyDetector.evaluate(detector, test, testLabels);
        metrics.put("test", detection(candidate));
        if (labelled) {
            metrics.put(
                    "test_recall_by_kind",
                    recallByKind(
                            detector,
                            test,
                            executions.subList(validationEnd, executions.size()),
                            data.anomalyLabels()));
        }
        // what serves without a model: the watcher's slow-execution detector on the fingerprints' own norms
        boolean[] withoutModel = slowExecutionFlags(executions);
        DetectionMetrics baseline = DetectionMetrics.ofFlags(
                Arrays.copyOfRange(withoutModel, validationEnd, withoutModel.length), testLabels);
        metrics.put("baseline_on_test", detection(baseline));
        // Without labels nothing scores the baseline: an alert rate near the forest's design contamination is a
        // calibration check of the forest, by which a baseline that flags nothing would beat a useful detector.
        boolean better = !labelled || beats(candidate, baseline, true);
        String verdict = "test " + score(candidate, labelled)
                + (labelled ? " against the slow-execution baseline's " + score(baseline, true) : "");
        Optional<ActiveModels.Serving<ExecutionAnomalyDetector>> active = models.get(ModelKind.ANOMALY);
        if (active.isEmpty()) {
            verdict += " (no active detector)";
        } else {
            DetectionMetrics current =
                    ExecutionAnomalyDetector.evaluate(active.get().model(), test, testLabels);
            metrics.put("active_on_test", detection(current));
            better &= beats(candidate, current, labelled);
            verdict += String.format(
                    Locale.ROOT,
                    " %s the active %s's %s",
                    labelled ? "and" : "against",
                    active.get().label(),
                    score(current, labelled));
        }
        if (!labelled) {
            verdict += String.format(
                    Locale.ROOT,
                    "; without labels the slow-execution baseline (alert rate %.4f) cannot be scored",
                    alertRate(baseline));
        }
        return new Candidate(
                detector,
                detector.toArtifact(),
                metrics,
                new LinkedHashMap<>(detector.hyperParameters()),
                AnomalyFeatures.NAMES,
                trainEnd,
                validationEnd - trainEnd,
                all.size() - validationEnd,
                better,
                verdict);
    }

    /**
     * The activation rule: with labels a higher F1; without, an alert rate at least as near the detector's design
     * contamination ({@link ExecutionAnomalyDetector#CONTAMINATION}).
     */
    private static boolean beats(DetectionMetrics candidate, DetectionMetrics other, boolean labelled) {
        if (labelled) {
            return candidate.f1() > other.f1();
        }
        double target = ExecutionAnomalyDetector.CONTAMINATION;
        return Math.abs(alertRate(candidate) - target) <= Math.abs(alertRate(other) - target);
    }

    private static String score(DetectionMetrics m, boolean labelled) {
        return labelled
                ? String.format(Locale.ROOT, "F1 %.3f", m.f1())
                : String.format(
                        Locale.ROOT,
                        "alert rate %.4f (target %.4f)",
                        alertRate(m),
                        ExecutionAnomalyDetector.CONTAMINATION);
    }

    /**
     * Which executions the watcher's slow-execution detector (default thresholds) flags, replayed in order: each
     * successful execution judged against its fingerprint's norm before it.
     */
    static boolean[] slowExecutionFlags(List<LoggedExecution> executions) {
        SlowExecutionDetector slow = new SlowExecutionDetector();
        boolean[] flags = new boolean[executions.size()];
        for (int i = 0; i < flags.length; i++) {
            LoggedExecution e = executions.get(i);
            flags[i] = e.status().succeeded()
                    && slow.observe(e.fingerprint(), e.executionMs()).isPresent();
        }
        return flags;
    }

    /** Per labelled episode kind: its executions in the test part and how many the detector flagged. */
    private static Map<String, Object> recallByKind(
            ExecutionAnomalyDetector detector,
            List<ExecutionObservation> test,
            List<LoggedExecution> executions,
            Map<Long, String> labels) {
        Map<String, long[]> counts = new TreeMap<>();
        for (int i = 0; i < test.size(); i++) {
            String kind = labels.get(executions.get(i).queryId());
            if (kind != null) {
                long[] c = counts.computeIfAbsent(kind, k -> new long[2]);
                c[0]++;
                c[1] += detector.detect(test.get(i)).anomalous() ? 1 : 0;
            }
        }
        Map<String, Object> byKind = new LinkedHashMap<>();
        counts.forEach((kind, c) -> byKind.put(kind, Map.of("labelled", c[0], "detected", c[1])));
        return byKind;
    }

    static Map<String, Object> detection(DetectionMetrics m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("true_positives", m.truePositives());
        map.put("false_positives", m.falsePositives());
        map.put("false_negatives", m.falseNegatives());
        map.put("true_negatives", m.trueNegatives());
        map.put("precision", m.precision());
        map.put("recall", m.recall());
        map.put("f1", m.f1());
        map.put("false_positive_rate", m.falsePositiveRate());
        return map;
    }

    private static double alertRate(DetectionMetrics m) {
        long all = m.truePositives() + m.falsePositives() + m.falseNegatives() + m.trueNegatives();
        return all == 0 ? 0 : (double) (m.truePositives() + m.falsePositives()) / all;
    }

    private static long count(boolean[] labels) {
        long n = 0;
        for (boolean b : labels) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
