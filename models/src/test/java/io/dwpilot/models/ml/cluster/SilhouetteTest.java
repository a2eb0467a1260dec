package io.dwpilot.models.ml.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SilhouetteTest {

    @Test
    void matchesAHandComputedCase() {
        // 0: a = 2, b = (10 + 12) / 2 = 11 -> 9/11; 2: a = 2, b = 9 -> 7/9; 10 and 12 mirror them
        double[][] points = {{0}, {2}, {10}, {12}};
        assertThat(Silhouette.mean(points, new int[] {0, 0, 1, 1})).isCloseTo((9.0 / 11 + 7.0 / 9) / 2, within(1e-12));
    }

    @Test
    void aPointAloneInItsClusterCountsZero() {
        // 0: a = 1, b = 10 -> 0.9; 1: a = 1, b = 9 -> 8/9; 10 is alone -> 0
        double[][] points = {{0}, {1}, {10}};
        assertThat(Silhouette.mean(points, new int[] {0, 0, 1})).isCloseTo((0.9 + 8.0 / 9) / 3, within(1e-12));
    }

    @Test
    void aBadSplitIsNegativeAndOneClusterIsUndefined() {
        double[][] points = {{0}, {10}, {1}, {11}};
        assertThat(Silhouette.mean(points, new int[] {0, 0, 1, 1})).isNegative();
        assertThat(Silhouette.mean(points, new int[] {0, 0, 0, 0})).isNaN();
    }
}
