package io.dwpilot.models.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dwpilot.models.verify.VerificationSettings.StatisticalTest;
import org.junit.jupiter.api.Test;

class VerificationSettingsTest {
    private static final VerificationSettings DEFAULTS = VerificationSettings.defaults();

    @Test
    void defaults() {
        assertThat(DEFAULTS).isEqualTo(new VerificationSettings(StatisticalTest.MANN_WHITNEY, 0.05, 0.10, 0.10, 20));
        assertThat(DEFAULTS.withTest(StatisticalTest.WELCH).test()).isEqualTo(StatisticalTest.WELCH);
        assertThat(DEFAULTS.withAlpha(0.01).alpha()).isEqualTo(0.01);
        assertThat(DEFAULTS.withMinimumGain(0).minimumGain()).isZero();
        assertThat(DEFAULTS.withRegressionTolerance(0.2).regressionTolerance()).isEqualTo(0.2);
        assertThat(DEFAULTS.withMinimumSamples(2).minimumSamples()).isEqualTo(2);
    }

    @Test
    void rejectsInvalidValues() {
        assertThatThrownBy(() -> DEFAULTS.withTest(null)).isInstanceOf(NullPointerException.class);
        for (double alpha : new double[] {0, 1, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> DEFAULTS.withAlpha(alpha))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("alpha");
        }
        for (double gain : new double[] {-0.01, 1, Double.NaN}) {
            assertThatThrownBy(() -> DEFAULTS.withMinimumGain(gain))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("minimumGain");
        }
        for (double tolerance : new double[] {-0.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> DEFAULTS.withRegressionTolerance(tolerance))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("regressionTolerance");
        }
        assertThatThrownBy(() -> DEFAULTS.withMinimumSamples(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumSamples");
    }
}
