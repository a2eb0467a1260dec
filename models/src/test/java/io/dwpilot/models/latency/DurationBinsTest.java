package io.dwpilot.models.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationBinsTest {
    @Test
    void theEdgesStepOneTwoFiveUpToTwentySecondsThenAMinute() {
        assertThat(DurationBins.edges())
                .containsExactly(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000);
        assertThat(DurationBins.count()).isEqualTo(16);
    }

    @Test
    void binsCarryTheirEdgesAndCountsAndTheLastIsOpen() {
        long[] counts = new long[16];
        counts[0] = 4;
        counts[3] = 7;
        counts[15] = 1;
        List<DurationBins.Bin> bins = DurationBins.of(counts);
        assertThat(bins).hasSize(16);
        assertThat(bins.get(0)).isEqualTo(new DurationBins.Bin(0, Optional.of(1.0), 4));
        assertThat(bins.get(3)).isEqualTo(new DurationBins.Bin(5, Optional.of(10.0), 7));
        assertThat(bins.get(14)).isEqualTo(new DurationBins.Bin(20_000, Optional.of(60_000.0), 0));
        assertThat(bins.get(15)).isEqualTo(new DurationBins.Bin(60_000, Optional.empty(), 1));
        assertThatThrownBy(() -> DurationBins.of(new long[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
