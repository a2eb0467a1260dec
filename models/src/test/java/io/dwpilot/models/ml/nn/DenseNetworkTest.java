package io.dwpilot.models.ml.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.ColumnStandardizer;
import io.dwpilot.models.ml.CorruptArtifactException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseNetworkTest {
    private static final int INPUTS = 7;

    @Test
    void javaForwardPassEqualsDjlsOwnOutputOnRandomInputs() {
        Random random = new Random(3);
        float[][] rows = randomRows(random, 50, INPUTS);
        ColumnStandardizer input = ColumnStandardizer.fit(rows);
        double targetMean = 2.5;
        double targetStd = 0.7;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SequentialBlock block = DjlNetworks.mlp(List.of(16, 8));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, INPUTS));
            DenseNetwork network = DjlNetworks.copy(block, input, targetMean, targetStd);

            float[] djl = block.forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.create(input.applyFlat(rows), new Shape(rows.length, INPUTS))),
                            false)
                    .singletonOrThrow()
                    .toFloatArray();

            assertThat(network.hiddenSizes()).containsExactly(16, 8);
            for (int r = 0; r < rows.length; r++) {
                assertThat(network.predict(rows[r])).isCloseTo(djl[r] * targetStd + targetMean, within(1e-4));
            }
        }
    }

    @Test
    void bytesRoundTripPredictsTheSameNumbersBitForBit() {
        DenseNetwork network = randomNetwork(new Random(5));
        DenseNetwork copy = DenseNetwork.fromBytes(network.toBytes());

        Random random = new Random(9);
        for (float[] row : randomRows(random, 100, INPUTS)) {
            assertThat(Double.doubleToRawLongBits(copy.predict(row)))
                    .isEqualTo(Double.doubleToRawLongBits(network.predict(row)));
        }
        assertThat(copy.toBytes()).isEqualTo(network.toBytes());
    }

    @Test
    void aFlippedByteAnywhereIsACorruptArtifact() {
        byte[] bytes = randomNetwork(new Random(5)).toBytes();
        for (int position : new int[] {0, 5, bytes.length / 2, bytes.length - 1}) {
            byte[] damaged = bytes.clone();
            damaged[position] ^= 0x10;
            assertThatThrownBy(() -> DenseNetwork.fromBytes(damaged))
                    .isInstanceOf(CorruptArtifactException.class)
                    .hasMessageContaining("checksum");
        }
    }

    @Test
    void truncatedOrForeignBytesAreCorruptArtifacts() {
        byte[] bytes = randomNetwork(new Random(5)).toBytes();
        assertThatThrownBy(() -> DenseNetwork.fromBytes(java.util.Arrays.copyOf(bytes, 6)))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("truncated");
        byte[] other = ArtifactFormat.write(0x12345678, 1, out -> out.writeInt(1));
        assertThatThrownBy(() -> DenseNetwork.fromBytes(other))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("magic");
        byte[] newer =
                ArtifactFormat.write(DenseNetwork.MAGIC, DenseNetwork.FORMAT_VERSION + 1, out -> out.writeInt(1));
        assertThatThrownBy(() -> DenseNetwork.fromBytes(newer))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("format version");
        byte[] shortBody =
                ArtifactFormat.write(DenseNetwork.MAGIC, DenseNetwork.FORMAT_VERSION, out -> out.writeInt(3));
        assertThatThrownBy(() -> DenseNetwork.fromBytes(shortBody)).isInstanceOf(CorruptArtifactException.class);
    }

    @Test
    void rejectsAnInputOfTheWrongWidth() {
        DenseNetwork network = randomNetwork(new Random(5));
        assertThatThrownBy(() -> network.predict(new float[INPUTS + 1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes " + INPUTS);
    }

    static DenseNetwork randomNetwork(Random random) {
        ColumnStandardizer input = ColumnStandardizer.fit(randomRows(random, 20, INPUTS));
        return new DenseNetwork(
                input, List.of(layer(random, INPUTS, 5), layer(random, 5, 3), layer(random, 3, 1)), 1.5, 0.4);
    }

    private static DenseNetwork.Layer layer(Random random, int inputs, int outputs) {
        float[] weights = new float[inputs * outputs];
        float[] bias = new float[outputs];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < bias.length; i++) {
            bias[i] = (float) random.nextGaussian();
        }
        return new DenseNetwork.Layer(inputs, outputs, weights, bias);
    }

    static float[][] randomRows(Random random, int rows, int columns) {
        float[][] x = new float[rows][columns];
        for (float[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = (float) (3 * random.nextGaussian() + j);
            }
        }
        return x;
    }
}
