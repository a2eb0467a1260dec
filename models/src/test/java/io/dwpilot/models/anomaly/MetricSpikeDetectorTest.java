package io.dwpilot.models.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricSpikeDetectorTest {

    /** Window 60, 10 samples, bands 4 / 7 / 12, floors: CPU 0.2, active queries 4, locks 3. */
    private static MetricSpikeDetector detector() {
        return new MetricSpikeDetector(new MetricSpikeDetector.Config(
                60,
                10,
                new SeverityBands(4, 7, 12),
                Map.of("cpu_usage", 0.2, "active_queries", 4.0, "locks_waiting", 3.0)));
    }

    /** CPU 0.30 .. 0.34: median 0.32, MAD 0.01. */
    private static void steadyCpu(MetricSpikeDetector d) {
        for (int i = 0; i < 20; i++) {
            assertThat(d.observe("cpu_usage", 0.30 + (i % 5) * 0.01)).isEmpty();
        }
    }

    @Test
    void aJumpFarAboveTheNormIsASpikeWithItsMedianAndSeverity() {
        MetricSpikeDetector d = detector();
        steadyCpu(d);
        Optional<MetricSpikeDetector.Spike> spike = d.observe("cpu_usage", 0.95);
        assertThat(spike).isPresent();
        assertThat(spike.get().metric()).isEqualTo("cpu_usage");
        assertThat(spike.get().median()).isEqualTo(0.32, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spike.get().score()).isGreaterThan(12);
        assertThat(spike.get().severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void jitterAndDropsAreNotSpikes() {
        MetricSpikeDetector d = detector();
        steadyCpu(d);
        assertThat(d.observe("cpu_usage", 0.36)).isEmpty();
        assertThat(d.observe("cpu_usage", 0.01)).isEmpty();
    }

    @Test
    void theFloorIgnoresSmallAbsoluteRisesOfASteadyMetric() {
        MetricSpikeDetector d = detector();
        for (int i = 0; i < 20; i++) {
            d.observe("locks_waiting", 0); // constant: any rise has an infinite score
        }
        assertThat(d.observe("locks_waiting", 2)).isEmpty();
        assertThat(d.observe("locks_waiting", 5))
                .map(MetricSpikeDetector.Spike::severity)
                .contains(Severity.HIGH);
    }

    @Test
    void nothingIsFlaggedBeforeMinSamples() {
        MetricSpikeDetector d = detector();
        for (int i = 0; i < 9; i++) {
            d.observe("active_queries", 1);
        }
        assertThat(d.observe("active_queries", 40)).isEmpty();
        assertThat(d.observe("active_queries", 40)).isPresent();
    }

    @Test
    void severityFollowsTheBands() {
        // active queries 8 .. 12: median 10, MAD 1, scale 1.4826; floor 4 is passed from 14 on
        MetricSpikeDetector low = detector();
        MetricSpikeDetector medium = detector();
        for (int i = 0; i < 20; i++) {
            low.observe("active_queries", 8 + i % 5);
            medium.observe("active_queries", 8 + i % 5);
        }
        assertThat(low.observe("active_queries", 10 + 5 * 1.4826))
                .map(MetricSpikeDetector.Spike::severity)
                .contains(Severity.LOW);
        assertThat(medium.observe("active_queries", 10 + 8 * 1.4826))
                .map(MetricSpikeDetector.Spike::severity)
                .contains(Severity.MEDIUM);
    }

    @Test
    void unwatchedMetricsAndNonFiniteValuesAreIgnored() {
        MetricSpikeDetector d = detector();
        assertThat(d.watches("connections")).isFalse();
        for (int i = 0; i < 20; i++) {
            assertThat(d.observe("connections", i % 2)).isEmpty();
        }
        assertThat(d.observe("connections", 500)).isEmpty();
        steadyCpu(d);
        assertThat(d.observe("cpu_usage", Double.NaN)).isEmpty();
    }

    @Test
    void rejectsBadConfigurations() {
        SeverityBands bands = new SeverityBands(4, 7, 12);
        assertThatThrownBy(() -> new MetricSpikeDetector.Config(10, 11, bands, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MetricSpikeDetector.Config(10, 5, bands, Map.of("cpu_usage", -1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeverityBands(5, 4, 12)).isInstanceOf(IllegalArgumentException.class);
    }
}
