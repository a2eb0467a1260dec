package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.FeatureVector;
import java.util.List;

/**
 * "It takes what it took before": the fingerprint's running mean time ({@code exp(hist_mean_log_ms)}, the geometric
 * mean of its earlier executions) when it has a history, else the training set's median time.
 */
public final class HistoryMeanBaseline implements CostPredictor {
    static final String SEEN = "hist_seen";
    static final String MEAN_LOG_MS = "hist_mean_log_ms";

    private final double medianMs;

    private HistoryMeanBaseline(double medianMs) {
        this.medianMs = medianMs;
    }

    /** @throws IllegalArgumentException if there are no examples */
    public static HistoryMeanBaseline fit(List<CostExample> examples) {
        return new HistoryMeanBaseline(ExampleMatrix.medianMs(examples));
    }

    @Override
    public double predictMs(FeatureVector features) {
        return features.get(SEEN) > 0 ? Math.exp(features.get(MEAN_LOG_MS)) : medianMs;
    }

    @Override
    public String name() {
        return "history-mean";
    }
}
