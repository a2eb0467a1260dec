package io.dwpilot.models.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeverityBandsTest {
    private final SeverityBands bands = new SeverityBands(2, 4, 8);

    @Test
    void scoresMapToTheirBandAndBelowLowToNothing() {
        assertThat(bands.severityOf(1.99)).isEmpty();
        assertThat(bands.severityOf(Double.NaN)).isEmpty();
        assertThat(bands.severityOf(2)).contains(Severity.LOW);
        assertThat(bands.severityOf(4)).contains(Severity.MEDIUM);
        assertThat(bands.severityOf(7.9)).contains(Severity.MEDIUM);
        assertThat(bands.severityOf(8)).contains(Severity.HIGH);
        assertThat(bands.severityOf(Double.POSITIVE_INFINITY)).contains(Severity.HIGH);
    }
}
