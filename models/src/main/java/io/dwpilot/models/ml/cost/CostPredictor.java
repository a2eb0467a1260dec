package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.FeatureVector;

/** Predicts a statement's execution time from its features. Implementations are immutable and thread-safe. */
public interface CostPredictor {
    /** The predicted execution time in milliseconds, positive. */
    double predictMs(FeatureVector features);

    /** A short, stable name for reports and the model registry, e.g. {@code mlp}. */
    String name();
}
