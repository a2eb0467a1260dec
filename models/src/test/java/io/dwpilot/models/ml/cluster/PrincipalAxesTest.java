package io.dwpilot.models.ml.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalAxesTest {

    @Test
    void findsTheDirectionsOfGreatestVariance() {
        // spread 5 along (1, 1, 0)/sqrt 2, 1 along (1, -1, 0)/sqrt 2, 0.1 along z
        Random random = new Random(1);
        double[][] z = new double[2000][];
        double r = Math.sqrt(0.5);
        for (int i = 0; i < z.length; i++) {
            double u = 5 * random.nextGaussian();
            double v = random.nextGaussian();
            z[i] = new double[] {r * (u + v), r * (u - v), 0.1 * random.nextGaussian()};
        }
        PrincipalAxes axes = PrincipalAxes.fit(z, 7);

        assertThat(axes.first()).containsExactly(new double[] {r, r, 0}, within(0.01));
        assertThat(Math.abs(axes.second()[0])).isCloseTo(r, within(0.02));
        assertThat(axes.second()[0] + axes.second()[1]).isCloseTo(0, within(0.03));
        assertThat(axes.project(new double[] {r, r, 0})[0]).isCloseTo(1, within(0.01));
    }

    @Test
    void oneFeatureHasNoSecondAxis() {
        PrincipalAxes axes = PrincipalAxes.fit(new double[][] {{-1}, {0}, {1}}, 1);
        assertThat(axes.first()).containsExactly(1.0);
        assertThat(axes.second()).containsExactly(0.0);
    }
}
