package io.dwpilot.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {
    @Test
    void nearestRankPercentilesOfUnsortedLatencies() {
        List<Double> latencies = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            latencies.add((double) i);
        }
        Collections.shuffle(latencies, new Random(3));

        LatencySummary summary = LatencySummary.of(latencies);

        assertThat(summary.count()).isEqualTo(200);
        assertThat(summary.p50()).isEqualTo(100);
        assertThat(summary.p95()).isEqualTo(190);
        assertThat(summary.p99()).isEqualTo(198);
        assertThat(summary.max()).isEqualTo(200);
    }

    @Test
    void noSamplesSaySo() {
        LatencySummary summary = LatencySummary.of(List.of());

        assertThat(summary.empty()).isTrue();
        assertThat(summary.toString()).isEqualTo("no samples");
    }
}
