package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.features.LatencyHistory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted execution times match actual ones.
 *
 * <ul>
 *   <li>q-error of one execution: {@code max(p / a, a / p)} with both times floored at
 *       {@link LatencyHistory#FLOOR_MS}; 1 is perfect. Percentiles interpolate linearly between closest ranks.</li>
 *   <li>{@code r2Log}: the coefficient of determination on log milliseconds ({@link LatencyHistory#logMs}); NaN when
 *       every actual log time is the same.</li>
 *   <li>{@code maePercent}: the mean absolute error in milliseconds as a percentage of the mean actual time; NaN
 *       when the mean actual time is 0.</li>
 * </ul>
 */
public record CostMetrics(
        int n,
        double qErrorMedian,
        double qErrorP90,
        double qErrorP95,
        double qErrorP99,
        double r2Log,
        double maePercent) {
    /** Median q-errors closer than this count as tied. */
    private static final double TIE = 1e-12;

    /**
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or hold a negative or non-finite time
     */
    public static CostMetrics of(double[] actualMs, double[] predictedMs) {
        if (actualMs.length != predictedMs.length) {
            throw new IllegalArgumentException(
                    actualMs.length + " actual times but " + predictedMs.length + " predictions");
        }
        if (actualMs.length == 0) {
            throw new IllegalArgumentException("no executions to score");
        }
        int n = actualMs.length;
        double[] qErrors = new double[n];
        double[] actualLog = new double[n];
        double meanLog = 0;
        double meanActual = 0;
        double absoluteError = 0;
        for (int i = 0; i < n; i++) {
            requireTime("actual", i, actualMs[i]);
            requireTime("predicted", i, predictedMs[i]);
            double a = Math.max(actualMs[i], LatencyHistory.FLOOR_MS);
            double p = Math.max(predictedMs[i], LatencyHistory.FLOOR_MS);
            qErrors[i] = Math.max(p / a, a / p);
            actualLog[i] = LatencyHistory.logMs(actualMs[i]);
            meanLog += actualLog[i];
            meanActual += actualMs[i];
            absoluteError += Math.abs(predictedMs[i] - actualMs[i]);
        }
        meanLog /= n;
        meanActual /= n;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double d = LatencyHistory.logMs(predictedMs[i]) - actualLog[i];
            residual += d * d;
            total += (actualLog[i] - meanLog) * (actualLog[i] - meanLog);
        }
        Arrays.sort(qErrors);
        return new CostMetrics(
                n,
                Percentiles.ofSorted(qErrors, 0.5),
                Percentiles.ofSorted(qErrors, 0.9),
                Percentiles.ofSorted(qErrors, 0.95),
                Percentiles.ofSorted(qErrors, 0.99),
                total > 0 ? 1 - residual / total : Double.NaN,
                meanActual > 0 ? 100 * absoluteError / n / meanActual : Double.NaN);
    }

    /** Scores a predictor on examples. */
    public static CostMetrics of(CostPredictor predictor, List<CostExample> examples) {
        double[] actual = new double[examples.size()];
        double[] predicted = new double[examples.size()];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = examples.get(i).actualMs();
            predicted[i] = predictor.predictMs(examples.get(i).features());
        }
        return of(actual, predicted);
    }

    /** The activation rule: a lower median q-error wins; a tie goes to the lower 90th percentile. */
    public boolean betterThan(CostMetrics other) {
        if (Math.abs(qErrorMedian - other.qErrorMedian) > TIE) {
            return qErrorMedian < other.qErrorMedian;
        }
        return qErrorP90 < other.qErrorP90;
    }

    /** The values for the model registry's metrics column, in a stable order. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("n", (double) n);
        map.put("q_error_median", qErrorMedian);
        map.put("q_error_p90", qErrorP90);
        map.put("q_error_p95", qErrorP95);
        map.put("q_error_p99", qErrorP99);
        map.put("r2_log", r2Log);
        map.put("mae_percent", maePercent);
        return map;
    }

    private static void requireTime(String what, int i, double ms) {
        if (!(ms >= 0) || !Double.isFinite(ms)) {
            throw new IllegalArgumentException(what + " time " + i + " must be finite and >= 0, was " + ms);
        }
    }
}
