package io.dwpilot.models.ml.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.models.ml.features.HistorySnapshot;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AnomalyFeaturesTest {
    private static final Instant AT = Instant.parse("2026-01-05T08:00:00Z");

    private static ExecutionObservation observation(
            boolean failed, double actualMs, double predictedMs, HistorySnapshot history, int concurrent) {
        return new ExecutionObservation("fp", AT, failed, actualMs, predictedMs, history, concurrent, ArrivalPace.NONE);
    }

    private static int at(String name) {
        return AnomalyFeatures.NAMES.indexOf(name);
    }

    @Test
    void computesEachFeature() {
        HistorySnapshot history = new HistorySnapshot(9, Math.log(50), 0.5, Math.log(60), Math.log(55));
        double[] f = AnomalyFeatures.of(observation(true, 200, 100, history, 3));

        assertThat(f).hasSize(AnomalyFeatures.NAMES.size());
        assertThat(f[at("residual_log_ms")]).isCloseTo(Math.log(2), within(1e-12));
        assertThat(f[at("history_z")]).isCloseTo(Math.log(4) / 0.5, within(1e-12));
        assertThat(f[at("log_ms")]).isCloseTo(Math.log(200), within(1e-12));
        assertThat(f[at("failed")]).isEqualTo(1);
        assertThat(f[at("unseen")]).isCloseTo(0.1, within(1e-12));
        assertThat(f[at("log_concurrency")]).isCloseTo(Math.log(4), within(1e-12));
    }

    @Test
    void absentSignalsAreNeutralAndEverythingStaysFinite() {
        double[] unseen = AnomalyFeatures.of(observation(false, 0, Double.NaN, HistorySnapshot.EMPTY, 0));
        assertThat(unseen[at("residual_log_ms")]).isZero();
        assertThat(unseen[at("history_z")]).isZero();
        assertThat(unseen[at("unseen")]).isEqualTo(1);
        assertThat(unseen[at("failed")]).isZero();
        assertThat(Arrays.stream(unseen).allMatch(Double::isFinite)).isTrue();

        HistorySnapshot short_ = new HistorySnapshot(AnomalyFeatures.MIN_HISTORY - 1, 1, 0.1, 1, 1);
        assertThat(AnomalyFeatures.of(observation(false, 1e6, 1, short_, 0))[at("history_z")])
                .isZero();

        HistorySnapshot constant = new HistorySnapshot(100, Math.log(10), 0, Math.log(10), Math.log(10));
        assertThat(AnomalyFeatures.historyZ(observation(false, 20, 10, constant, 0)))
                .isCloseTo(Math.log(2) / AnomalyFeatures.MIN_STD_LOG_MS, within(1e-9));
    }

    @Test
    void observationRejectsInvalidValues() {
        assertThatThrownBy(() -> observation(false, -1, 1, HistorySnapshot.EMPTY, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> observation(false, 1, Double.POSITIVE_INFINITY, HistorySnapshot.EMPTY, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> observation(false, 1, 1, new HistorySnapshot(3, Double.NaN, 0, 0, 0), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> observation(false, 1, 1, HistorySnapshot.EMPTY, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
