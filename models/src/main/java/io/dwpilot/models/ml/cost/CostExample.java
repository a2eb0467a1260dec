package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.FeatureVector;
import java.time.Instant;
import java.util.Objects;

/** One logged execution as the cost predictor learns from it: its features before it ran and the time it took. */
public record CostExample(String fingerprint, Instant at, FeatureVector features, double actualMs) {
    public CostExample {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(features, "features");
        if (!(actualMs >= 0) || !Double.isFinite(actualMs)) {
            throw new IllegalArgumentException("actualMs must be finite and >= 0, was " + actualMs);
        }
    }
}
