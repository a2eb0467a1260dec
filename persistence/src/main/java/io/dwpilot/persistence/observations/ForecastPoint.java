package io.dwpilot.persistence.observations;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One predicted bucket: the prediction, its interval (when the model gives one) and the actual value once known. */
public record ForecastPoint(
        Instant bucketStart,
        double predicted,
        Optional<Double> lower,
        Optional<Double> upper,
        Optional<Double> actual) {
    public ForecastPoint {
        Objects.requireNonNull(bucketStart, "bucketStart");
        lower = lower == null ? Optional.empty() : lower;
        upper = upper == null ? Optional.empty() : upper;
        actual = actual == null ? Optional.empty() : actual;
    }

    public static ForecastPoint of(Instant bucketStart, double predicted, double lower, double upper) {
        return new ForecastPoint(bucketStart, predicted, Optional.of(lower), Optional.of(upper), Optional.empty());
    }
}
