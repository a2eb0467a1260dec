package io.dwpilot.models.eval;

import io.dwpilot.models.forecast.Forecaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleBiFunction;

/**
 * Time-ordered walk-forward validation: a model is trained only on observations before those it is tested on.
 *
 * <p>Fold {@code i} tests on {@code [trainSize + i*step, trainSize + i*step + horizon)} and trains on everything
 * before it ({@link Window#EXPANDING}) or on the {@code trainSize} observations just before it
 * ({@link Window#SLIDING}). Folds are produced while the test range fits in the observations; none if even the first
 * does not.
 */
public final class WalkForward {
    private WalkForward() {}

    /** How the training range moves from fold to fold. */
    public enum Window {
        /** Training always starts at observation 0 and grows by {@code step}. */
        EXPANDING,
        /** Training keeps {@code trainSize} observations and moves by {@code step}. */
        SLIDING
    }

    /** One fold: half-open index ranges into the observations. */
    public record Fold(int index, int trainStart, int trainEnd, int testStart, int testEnd) {
        public double[] train(double[] observations) {
            return Arrays.copyOfRange(observations, trainStart, trainEnd);
        }

        public double[] test(double[] observations) {
            return Arrays.copyOfRange(observations, testStart, testEnd);
        }
    }

    /**
     * The folds over {@code length} observations.
     *
     * @throws IllegalArgumentException if {@code trainSize}, {@code step} or {@code horizon} is not positive
     */
    public static List<Fold> folds(int length, int trainSize, int step, int horizon, Window window) {
        if (trainSize <= 0 || step <= 0 || horizon <= 0) {
            throw new IllegalArgumentException(
                    "trainSize, step and horizon must be positive, were " + trainSize + ", " + step + ", " + horizon);
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        Objects.requireNonNull(window, "window");
        List<Fold> folds = new ArrayList<>();
        for (int testStart = trainSize; (long) testStart + horizon <= length; testStart += step) {
            int trainStart = window == Window.EXPANDING ? 0 : testStart - trainSize;
            folds.add(new Fold(folds.size(), trainStart, testStart, testStart, testStart + horizon));
        }
        return List.copyOf(folds);
    }

    /** Expanding-window folds. */
    public static List<Fold> folds(int length, int trainSize, int step, int horizon) {
        return folds(length, trainSize, step, horizon, Window.EXPANDING);
    }

    /**
     * Fits {@code forecaster} on each fold's training range, forecasts its test range and scores it with
     * {@code metric (actual, forecast)}. The mean ignores folds whose score is NaN (e.g. MAPE on an all-zero test
     * range); {@link Result#scoredFolds()} says how many counted.
     *
     * @throws IllegalArgumentException if there is no fold, or the forecaster rejects a training range
     */
    public static Result evaluate(
            double[] observations,
            Forecaster forecaster,
            int trainSize,
            int step,
            int horizon,
            Window window,
            ToDoubleBiFunction<double[], double[]> metric) {
        Objects.requireNonNull(observations, "observations");
        Objects.requireNonNull(forecaster, "forecaster");
        Objects.requireNonNull(metric, "metric");
        List<Fold> folds = folds(observations.length, trainSize, step, horizon, window);
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("no fold fits: " + observations.length + " observations, trainSize "
                    + trainSize + ", horizon " + horizon);
        }
        double[] scores = new double[folds.size()];
        double sum = 0;
        int scored = 0;
        for (Fold fold : folds) {
            double[] forecast = forecaster.fit(fold.train(observations)).forecast(horizon);
            double score = metric.applyAsDouble(fold.test(observations), forecast);
            scores[fold.index()] = score;
            if (!Double.isNaN(score)) {
                sum += score;
                scored++;
            }
        }
        return new Result(forecaster.name(), folds, scores, scored == 0 ? Double.NaN : sum / scored, scored);
    }

    /** Per-fold scores (in fold order) and their mean over the non-NaN ones. */
    public record Result(String forecaster, List<Fold> folds, double[] scores, double mean, int scoredFolds) {
        public Result {
            scores = scores.clone();
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }
    }
}
