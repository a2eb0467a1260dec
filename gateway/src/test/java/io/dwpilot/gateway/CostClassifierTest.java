package io.dwpilot.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lanes from predictions and observed times, and when the observed history overrules a prediction. */
class CostClassifierTest {
    private static final String FINGERPRINT = "f";

    private final CostClassifier classifier = new CostClassifier(Duration.ofMillis(250), 100);

    private void ran(double... times) {
        for (double ms : times) {
            classifier.observe(FINGERPRINT, ms);
        }
    }

    @Test
    void aPredictionFarOutsideTheFingerprintsObservedRangeIsIgnored() {
        ran(7, 5, 9, 6, 7);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.of(2e25))).isEqualTo(Lane.INTERACTIVE);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.of(9 * CostClassifier.TRUSTED_SPREAD + 1)))
                .isEqualTo(Lane.INTERACTIVE);
    }

    @Test
    void aPredictionTooFarBelowTheObservedRangeIsIgnoredToo() {
        ran(400, 500, 450, 420, 480);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.of(400 / CostClassifier.TRUSTED_SPREAD - 1)))
                .isEqualTo(Lane.HEAVY);
    }

    @Test
    void aPredictionWithinReachOfTheObservedRangeDecides() {
        ran(30, 40, 35, 30, 38);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.of(300.0))).isEqualTo(Lane.HEAVY);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.empty())).isEqualTo(Lane.INTERACTIVE);
    }

    @Test
    void aShortHistoryCannotOverruleAPrediction() {
        ran(7, 7, 7, 7);
        assertThat(CostClassifier.TRUSTED_HISTORY).isEqualTo(5);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.of(1e6))).isEqualTo(Lane.HEAVY);
        ran(7);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.of(1e6))).isEqualTo(Lane.INTERACTIVE);
    }

    @Test
    void aPredictionThatIsNotAFiniteNumberIsIgnored() {
        ran(400);
        assertThat(classifier.laneFor(FINGERPRINT, Optional.of(Double.NaN))).isEqualTo(Lane.HEAVY);
        assertThat(classifier.laneFor("never seen", Optional.of(Double.POSITIVE_INFINITY)))
                .isEqualTo(Lane.INTERACTIVE);
    }
}
