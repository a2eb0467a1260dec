package io.dwpilot.models.ml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpTrainerTest {
    private static final MlpHyperParameters SMALL = new MlpHyperParameters(List.of(32, 16), 60, 0.005f, 64, 0f, 11);

    @Test
    void learnsANonLinearFunctionFarBetterThanItsMean() {
        Data train = data(new Random(1), 2000);
        Data validation = data(new Random(2), 400);
        Data test = data(new Random(3), 400);

        DenseNetwork network = MlpTrainer.train(train.x, train.y, validation.x, validation.y, SMALL);

        assertThat(rSquared(network, test)).isGreaterThan(0.95);
    }

    @Test
    void sameSeedSameNetwork() {
        Data train = data(new Random(1), 500);
        Data validation = data(new Random(2), 100);
        MlpHyperParameters hp = new MlpHyperParameters(List.of(16), 5, 0.01f, 32, 1e-4f, 7);

        byte[] first = MlpTrainer.train(train.x, train.y, validation.x, validation.y, hp)
                .toBytes();
        byte[] second = MlpTrainer.train(train.x, train.y, validation.x, validation.y, hp)
                .toBytes();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void rejectsRaggedOrMismatchedData() {
        Data train = data(new Random(1), 10);
        assertThatThrownBy(() -> MlpTrainer.train(train.x, new float[9], train.x, train.y, SMALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10 rows but 9 targets");
        float[][] ragged = train.x.clone();
        ragged[3] = new float[2];
        assertThatThrownBy(() -> MlpTrainer.train(ragged, train.y, train.x, train.y, SMALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 3");
        float[][] narrow = {new float[2]};
        assertThatThrownBy(() -> MlpTrainer.train(train.x, train.y, narrow, new float[1], SMALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation rows");
    }

    /** Not asserted: prints what training 20k rows x 60 features and one prediction cost on this machine. */
    @Test
    void benchmarkTwentyThousandRowsOfSixtyFeatures() {
        Random random = new Random(4);
        int columns = 60;
        float[][] x = DenseNetworkTest.randomRows(random, 20_000, columns);
        float[] y = new float[x.length];
        for (int r = 0; r < x.length; r++) {
            y[r] = (float) (Math.log1p(Math.abs(x[r][0] * x[r][1])) + 0.3 * x[r][2]);
        }
        float[][] xVal = java.util.Arrays.copyOf(x, 3000);
        float[] yVal = java.util.Arrays.copyOf(y, 3000);
        MlpHyperParameters hp = new MlpHyperParameters(List.of(128, 64), 40, 0.002f, 256, 1e-5f, 1);

        long start = System.nanoTime();
        DenseNetwork network = MlpTrainer.train(x, y, xVal, yVal, hp);
        double trainSeconds = (System.nanoTime() - start) / 1e9;

        int warmup = 20_000;
        int measured = 100_000;
        double sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += network.predict(x[i % x.length]);
        }
        start = System.nanoTime();
        for (int i = 0; i < measured; i++) {
            sink += network.predict(x[i % x.length]);
        }
        double microsPerPrediction = (System.nanoTime() - start) / 1e3 / measured;
        System.out.printf(
                "MLP benchmark: 20000 x %d, %s: trained in %.1f s; one prediction %.2f us (sink %.1f)%n",
                columns, hp.label(), trainSeconds, microsPerPrediction, sink);
        assertThat(trainSeconds).isPositive();
    }

    private static double rSquared(DenseNetwork network, Data data) {
        double mean = 0;
        for (float v : data.y) {
            mean += v;
        }
        mean /= data.y.length;
        double residual = 0;
        double total = 0;
        for (int i = 0; i < data.y.length; i++) {
            double d = network.predict(data.x[i]) - data.y[i];
            residual += d * d;
            total += (data.y[i] - mean) * (data.y[i] - mean);
        }
        return 1 - residual / total;
    }

    private record Data(float[][] x, float[] y) {}

    /** y = sin(2 a) + b^2 - |c| with a, b, c uniform in [-1.5, 1.5], plus a useless fourth column. */
    private static Data data(Random random, int rows) {
        float[][] x = new float[rows][4];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < 4; j++) {
                x[r][j] = (float) (3 * random.nextDouble() - 1.5);
            }
            y[r] = (float) (Math.sin(2 * x[r][0]) + x[r][1] * x[r][1] - Math.abs(x[r][2]));
        }
        return new Data(x, y);
    }
}
