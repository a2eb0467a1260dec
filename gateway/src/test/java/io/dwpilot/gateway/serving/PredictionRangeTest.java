package io.dwpilot.gateway.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.ml.features.LatencyHistory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PredictionRangeTest {
    private final PredictionRange range = PredictionRange.upTo(Duration.ofSeconds(300));

    @Test
    void aPredictionIsClampedBetweenTheMetricsFloorAndTheLongestStatementTimeout() {
        assertThat(range.clamp(2e25)).hasValue(300_000.0);
        assertThat(range.clamp(Double.MAX_VALUE)).hasValue(300_000.0);
        assertThat(range.clamp(0)).hasValue(LatencyHistory.FLOOR_MS);
        assertThat(range.clamp(-5)).hasValue(LatencyHistory.FLOOR_MS);
        assertThat(range.clamp(7.5)).hasValue(7.5);
    }

    @Test
    void aPredictionThatIsNotAFiniteNumberIsDiscarded() {
        assertThat(range.clamp(Double.NaN)).isEmpty();
        assertThat(range.clamp(Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(range.clamp(Double.NEGATIVE_INFINITY)).isEmpty();
    }

    @Test
    void anEmptyOrUnboundedRangeIsRefused() {
        assertThatThrownBy(() -> new PredictionRange(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PredictionRange(5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PredictionRange(1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
