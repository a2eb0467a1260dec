package io.dwpilot.models.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlowExecutionDetectorTest {

    /** Window 100, 10 samples, bands 3.5 / 6 / 10, floor 5 ms. */
    private static SlowExecutionDetector detector() {
        return new SlowExecutionDetector(new SlowExecutionDetector.Config(100, 10, 3.5, 6, 10, 5, 1, 100));
    }

    /** Latencies 98..102 ms: median 100, MAD 1, scale 1.4826 ms. */
    private static void warmUp(SlowExecutionDetector d, String fp) {
        for (int i = 0; i < 20; i++) {
            d.observe(fp, 98 + i % 5);
        }
    }

    @Test
    void severitiesFollowTheScoreBands() {
        SlowExecutionDetector d = detector();
        warmUp(d, "q");
        // scale 1.4826: 100 + 4*1.4826 = 105.93 (low, and > 5 ms slower), +7 -> medium, +12 -> high
        assertThat(d.observe("q", 100 + 4 * 1.4826))
                .map(SlowExecutionDetector.SlowExecution::severity)
                .contains(Severity.LOW);
        warmUp(d, "r");
        assertThat(d.observe("r", 100 + 7 * 1.4826))
                .map(SlowExecutionDetector.SlowExecution::severity)
                .contains(Severity.MEDIUM);
        warmUp(d, "s");
        Optional<SlowExecutionDetector.SlowExecution> high = d.observe("s", 100 + 12 * 1.4826);
        assertThat(high).map(SlowExecutionDetector.SlowExecution::severity).contains(Severity.HIGH);
        assertThat(high.orElseThrow().medianMillis()).isEqualTo(100.0);
        assertThat(high.orElseThrow().fingerprint()).isEqualTo("s");
    }

    @Test
    void normalExecutionsAndFasterOnesAreNotFlagged() {
        SlowExecutionDetector d = detector();
        warmUp(d, "q");
        assertThat(d.observe("q", 101)).isEmpty();
        assertThat(d.observe("q", 10)).isEmpty();
    }

    @Test
    void theAbsoluteFloorSuppressesHighScoresOnFastQueries() {
        SlowExecutionDetector d = detector();
        for (int i = 0; i < 20; i++) {
            d.observe("fast", 1.0 + (i % 3) * 0.01); // median ~1.01 ms, tiny MAD
        }
        assertThat(d.observe("fast", 4.0)).isEmpty(); // huge score, but only 3 ms slower
        assertThat(d.observe("fast", 9.0))
                .map(SlowExecutionDetector.SlowExecution::severity)
                .contains(Severity.HIGH);
    }

    @Test
    void aConstantNormFlagsAnythingBeyondTheFloor() {
        SlowExecutionDetector d = detector();
        for (int i = 0; i < 20; i++) {
            d.observe("const", 50);
        }
        assertThat(d.observe("const", 54)).isEmpty();
        assertThat(d.observe("const", 60))
                .map(SlowExecutionDetector.SlowExecution::severity)
                .contains(Severity.HIGH);
    }

    @Test
    void nothingIsFlaggedBeforeMinSamples() {
        SlowExecutionDetector d = detector();
        for (int i = 0; i < 9; i++) {
            d.observe("q", 100);
        }
        assertThat(d.observe("q", 1000)).isEmpty();
        assertThat(d.norm("q")).map(RobustNorm::size).contains(10);
    }

    @Test
    void fingerprintsAreKeptApartAndBounded() {
        SlowExecutionDetector d =
                new SlowExecutionDetector(new SlowExecutionDetector.Config(10, 1, 3.5, 6, 10, 5, 1, 2));
        d.observe("a", 1);
        d.observe("b", 1);
        d.observe("c", 1);
        assertThat(d.fingerprintCount()).isEqualTo(2);
        assertThat(d.norm("a")).isEmpty();
        assertThat(d.norm("c")).isPresent();
    }

    @Test
    void rejectsBadConfigAndInput() {
        assertThatThrownBy(() -> new SlowExecutionDetector.Config(10, 20, 3.5, 6, 10, 5, 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlowExecutionDetector.Config(10, 5, 6, 3.5, 10, 5, 1, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlowExecutionDetector().observe("q", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSlowdownUnderTheMinimumRatioIsLoadNotAnAnomaly() {
        SlowExecutionDetector strict =
                new SlowExecutionDetector(new SlowExecutionDetector.Config(100, 10, 3.5, 6, 10, 5, 3, 100));
        SlowExecutionDetector lenient =
                new SlowExecutionDetector(new SlowExecutionDetector.Config(100, 10, 3.5, 6, 10, 5, 1, 100));
        for (int i = 0; i < 30; i++) {
            strict.observe("f", 100 + i % 3);
            lenient.observe("f", 100 + i % 3);
        }
        // 2.5x the median: far outside a tight norm, but under a 3x minimum ratio
        assertThat(strict.observe("f", 250)).isEmpty();
        assertThat(lenient.observe("f", 250)).isPresent();
        assertThat(strict.observe("f", 320)).isPresent();
    }
}
