package io.dwpilot.models.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustNormTest {

    private static RobustNorm of(int capacity, double... values) {
        RobustNorm norm = new RobustNorm(capacity);
        for (double v : values) {
            norm.add(v);
        }
        return norm;
    }

    @Test
    void medianAndMadOfAnOddWindow() {
        // sorted 1 1 2 2 4 6 9: median 2; |dev| 1 1 0 0 2 4 7 -> sorted 0 0 1 1 2 4 7: MAD 1
        RobustNorm norm = of(10, 1, 1, 2, 2, 4, 6, 9);
        assertThat(norm.median()).isEqualTo(2.0);
        assertThat(norm.mad()).isEqualTo(1.0);
        assertThat(norm.scale()).isCloseTo(1.4826, within(1e-12));
        assertThat(norm.score(2 + 3 * 1.4826)).isCloseTo(3.0, within(1e-9));
        assertThat(norm.score(2 - 1.4826)).isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void medianAndMadOfAnEvenWindow() {
        // sorted 1 3 5 11: median 4; |dev| 3 1 1 7 -> 1 1 3 7: MAD 2
        RobustNorm norm = of(10, 5, 1, 11, 3);
        assertThat(norm.median()).isEqualTo(4.0);
        assertThat(norm.mad()).isEqualTo(2.0);
    }

    @Test
    void theWindowForgetsOldValues() {
        RobustNorm norm = of(3, 100, 200, 300);
        assertThat(norm.median()).isEqualTo(200.0);
        norm.add(1);
        norm.add(2);
        norm.add(3);
        assertThat(norm.size()).isEqualTo(3);
        assertThat(norm.median()).isEqualTo(2.0);
        assertThat(norm.mad()).isEqualTo(1.0);
    }

    @Test
    void agreesWithABruteForceComputationOnARandomStream() {
        Random random = new Random(5);
        int capacity = 50;
        RobustNorm norm = new RobustNorm(capacity);
        double[] all = new double[400];
        for (int i = 0; i < all.length; i++) {
            all[i] = Math.round(random.nextDouble() * 20); // many duplicates
            norm.add(all[i]);
            int from = Math.max(0, i + 1 - capacity);
            double[] window = Arrays.copyOfRange(all, from, i + 1);
            double median = median(window);
            assertThat(norm.median()).isEqualTo(median);
            assertThat(norm.mad())
                    .isEqualTo(median(
                            Arrays.stream(window).map(v -> Math.abs(v - median)).toArray()));
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    @Test
    void madZeroFallsBackToTheMeanAbsoluteDeviation() {
        // 10 10 10 10 20: median 10, MAD 0; mean |dev| = 10/5 = 2 -> scale 1.2533 * 2
        RobustNorm norm = of(10, 10, 10, 10, 10, 20);
        assertThat(norm.mad()).isZero();
        assertThat(norm.scale()).isCloseTo(2 * 1.2533, within(1e-12));
        assertThat(norm.score(15)).isCloseTo(5 / (2 * 1.2533), within(1e-9));
    }

    @Test
    void aConstantWindowScoresZeroOrInfinity() {
        RobustNorm norm = of(10, 4, 4, 4);
        assertThat(norm.score(4)).isZero();
        assertThat(norm.score(4.5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(norm.score(3)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void emptyWindowAndBadInput() {
        RobustNorm norm = new RobustNorm(3);
        assertThat(norm.isEmpty()).isTrue();
        assertThat(norm.median()).isNaN();
        assertThat(norm.mad()).isNaN();
        assertThat(norm.score(1)).isNaN();
        assertThatThrownBy(() -> new RobustNorm(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> norm.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantilesAreNearestRank() {
        RobustNorm norm = new RobustNorm(10);
        for (int i = 1; i <= 10; i++) {
            norm.add(i * 10);
        }
        assertThat(norm.quantile(0.99)).isEqualTo(100);
        assertThat(norm.quantile(0.5)).isEqualTo(50);
        assertThat(norm.quantile(0.1)).isEqualTo(10);
        assertThat(new RobustNorm(3).quantile(0.5)).isNaN();
    }
}
