package io.dwpilot.models.ml.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.CorruptArtifactException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

    private static double[][] gaussianCloud(int n, int dimensions, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][dimensions];
        for (double[] row : x) {
            for (int d = 0; d < dimensions; d++) {
                row[d] = random.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void outliersScoreHigherThanInliers() {
        double[][] train = gaussianCloud(1000, 3, 1);
        IsolationForest forest = IsolationForest.fit(train, 100, 256, 7);

        double[] inlierScores = Arrays.stream(gaussianCloud(500, 3, 2))
                .mapToDouble(forest::score)
                .sorted()
                .toArray();
        double inlier99 = inlierScores[(int) (0.99 * inlierScores.length)];
        double[][] outliers = {{6, 6, 0}, {0, -6, 6}, {4, 4, 4}, {5, -5, 5}};
        for (double[] outlier : outliers) {
            assertThat(forest.score(outlier))
                    .as("score of %s", Arrays.toString(outlier))
                    .isGreaterThan(inlier99)
                    .isGreaterThan(0.6)
                    .isLessThan(1);
        }
        assertThat(forest.score(new double[] {0, 0, 0})).isLessThan(0.5).isGreaterThan(0);
    }

    @Test
    void averagePathLengthMatchesKnownValues() {
        assertThat(IsolationForest.averagePathLength(0)).isZero();
        assertThat(IsolationForest.averagePathLength(1)).isZero();
        assertThat(IsolationForest.averagePathLength(2)).isEqualTo(1.0);
        assertThat(IsolationForest.averagePathLength(3)).isCloseTo(5.0 / 3, within(1e-12)); // 2(1 + 1/2) - 4/3
        for (long n : new long[] {64, 65, 66, 256, 100_000}) {
            assertThat(IsolationForest.averagePathLength(n))
                    .as("c(%d)", n)
                    .isCloseTo(2 * harmonicBySum(n - 1) - 2.0 * (n - 1) / n, within(1e-10));
        }
    }

    private static double harmonicBySum(long n) {
        double sum = 0;
        for (long k = n; k >= 1; k--) {
            sum += 1.0 / k;
        }
        return sum;
    }

    @Test
    void isDeterministicForASeed() {
        double[][] x = gaussianCloud(300, 2, 3);
        assertThat(IsolationForest.fit(x, 20, 64, 11).toBytes())
                .isEqualTo(IsolationForest.fit(x, 20, 64, 11).toBytes());
        assertThat(IsolationForest.fit(x, 20, 64, 11).toBytes())
                .isNotEqualTo(IsolationForest.fit(x, 20, 64, 12).toBytes());
    }

    @Test
    void roundTripsBitForBit() {
        double[][] x = gaussianCloud(300, 4, 4);
        IsolationForest forest = IsolationForest.fit(x, 30, 128, 5);
        byte[] bytes = forest.toBytes();
        IsolationForest back = IsolationForest.fromBytes(bytes);

        assertThat(back.toBytes()).isEqualTo(bytes);
        assertThat(back.trees()).isEqualTo(30);
        assertThat(back.sampleSize()).isEqualTo(128);
        assertThat(back.dimensions()).isEqualTo(4);
        for (double[] point : gaussianCloud(50, 4, 6)) {
            assertThat(back.score(point)).isEqualTo(forest.score(point));
        }
    }

    @Test
    void rejectsCorruptBytes() {
        byte[] bytes = IsolationForest.fit(gaussianCloud(100, 2, 8), 5, 32, 9).toBytes();

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        assertThatThrownBy(() -> IsolationForest.fromBytes(flipped))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> IsolationForest.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(CorruptArtifactException.class);
        assertThatThrownBy(() -> IsolationForest.fromBytes(new byte[0])).isInstanceOf(CorruptArtifactException.class);
        byte[] otherMagic = ArtifactFormat.write(0x12345678, IsolationForest.FORMAT_VERSION, out -> out.writeInt(1));
        assertThatThrownBy(() -> IsolationForest.fromBytes(otherMagic))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("magic");
        byte[] otherVersion = ArtifactFormat.write(IsolationForest.MAGIC, 9, out -> out.writeInt(1));
        assertThatThrownBy(() -> IsolationForest.fromBytes(otherVersion))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("version 9");
    }

    @Test
    void sampleSizeIsCappedAtTheRows() {
        assertThat(IsolationForest.fit(gaussianCloud(40, 2, 10), 3, 256, 1).sampleSize())
                .isEqualTo(40);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> IsolationForest.fit(new double[][] {{1}}, 10, 8, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsolationForest.fit(new double[][] {{1, 2}, {3}}, 10, 8, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsolationForest.fit(new double[][] {{1}, {Double.NaN}}, 10, 8, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IsolationForest.fit(new double[][] {{1}, {2}}, 0, 8, 1))
                .isInstanceOf(IllegalArgumentException.class);
        IsolationForest forest = IsolationForest.fit(new double[][] {{1, 2}, {3, 4}, {5, 7}}, 3, 8, 1);
        assertThatThrownBy(() -> forest.score(new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> forest.score(new double[] {1, Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
