package io.dwpilot.gateway.serving;

import io.dwpilot.models.ml.features.LatencyHistory;
import java.time.Duration;
import java.util.Optional;

/**
 * The times a cost prediction may say: from {@link LatencyHistory#FLOOR_MS} (the resolution every cost metric floors
 * at) to the longest statement timeout a request may ask for (no statement runs longer, so no longer prediction can
 * be right). A prediction outside is clamped into the range; one that is not a number, or infinite, is discarded,
 * and the gateway carries on as if no model served.
 */
public record PredictionRange(double minMs, double maxMs) {
    public PredictionRange {
        if (!(minMs > 0) || !(maxMs >= minMs) || !Double.isFinite(maxMs)) {
            throw new IllegalArgumentException("need 0 < minMs <= maxMs < infinity, got " + minMs + ", " + maxMs);
        }
    }

    /** From the floor of the cost metrics up to {@code longestStatement}. */
    public static PredictionRange upTo(Duration longestStatement) {
        return new PredictionRange(LatencyHistory.FLOOR_MS, longestStatement.toNanos() / 1e6);
    }

    /** {@code predictedMs} within the range, or empty when it is not a finite number. */
    public Optional<Double> clamp(double predictedMs) {
        if (!Double.isFinite(predictedMs)) {
            return Optional.empty();
        }
        return Optional.of(Math.min(maxMs, Math.max(minMs, predictedMs)));
    }
}
