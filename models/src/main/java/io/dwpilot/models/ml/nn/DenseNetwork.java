package io.dwpilot.models.ml.nn;

import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.ColumnStandardizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trained weights of a fully connected ReLU network, with the input standardization and the target's
 * de-standardization it was trained with, and a forward pass in plain Java: serving a prediction needs neither the
 * native engine nor any allocation beyond two small buffers, and takes microseconds. Immutable, so thread-safe.
 *
 * <p>{@code predict(x) = layer_L(relu(... relu(layer_1((x - means) / scales)))) * targetStd + targetMean}, where
 * {@code layer(a) = W a + b} and the last layer has one output.
 *
 * <p>Binary format ({@link #toBytes()}), inside the {@link ArtifactFormat} frame (magic {@code "DWNN"}, format version
 * {@value #FORMAT_VERSION}, CRC32 trailer), big-endian:
 * <pre>
 *   int inputs, double[inputs] means; int inputs, double[inputs] scales (as {@link ArtifactFormat#writeDoubles})
 *   int layers; per layer: int outputs; float[outputs * layerInputs] weights (row per output); float[outputs] bias
 *   double targetMean; double targetStd
 * </pre>
 */
public final class DenseNetwork {
    static final int MAGIC = 0x44574E4E; // "DWNN"
    static final int FORMAT_VERSION = 2;

    private final ColumnStandardizer input;
    // the standardizer's arrays, held once so that a prediction does not copy them
    private final double[] means;
    private final double[] scales;
    private final List<Layer> layers;
    private final double targetMean;
    private final double targetStd;
    private final int widest;

    /** One affine layer: {@code weights} holds {@code outputs} rows of {@code inputs} values. */
    record Layer(int inputs, int outputs, float[] weights, float[] bias) {
        Layer {
            if (inputs <= 0 || outputs <= 0 || weights.length != inputs * outputs || bias.length != outputs) {
                throw new IllegalArgumentException("layer " + inputs + " -> " + outputs + " with " + weights.length
                        + " weights and " + bias.length + " biases");
            }
            requireFinite(weights, "weight");
            requireFinite(bias, "bias");
        }
    }

    DenseNetwork(ColumnStandardizer input, List<Layer> layers, double targetMean, double targetStd) {
        this.input = Objects.requireNonNull(input, "input");
        this.means = input.means();
        this.scales = input.scales();
        this.layers = List.copyOf(layers);
        if (this.layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        int width = input.columns();
        for (Layer layer : this.layers) {
            if (layer.inputs() != width) {
                throw new IllegalArgumentException(
                        "a layer takes " + layer.inputs() + " inputs after a width of " + width);
            }
            width = layer.outputs();
        }
        if (width != 1) {
            throw new IllegalArgumentException("the last layer must have one output, has " + width);
        }
        if (!Double.isFinite(targetMean) || !(targetStd > 0) || !Double.isFinite(targetStd)) {
            throw new IllegalArgumentException("target mean " + targetMean + ", deviation " + targetStd);
        }
        this.targetMean = targetMean;
        this.targetStd = targetStd;
        this.widest = Math.max(
                input.columns(),
                this.layers.stream().mapToInt(Layer::outputs).max().orElse(1));
    }

    public int inputs() {
        return input.columns();
    }

    /** The hidden layers' widths, input side first. */
    public List<Integer> hiddenSizes() {
        return layers.subList(0, layers.size() - 1).stream().map(Layer::outputs).toList();
    }

    /** The prediction for one row of raw (unstandardized) inputs, on the target's scale. */
    public double predict(float[] x) {
        if (x.length != input.columns()) {
            throw new IllegalArgumentException("the network takes " + input.columns() + " inputs, got " + x.length);
        }
        double[] current = new double[widest];
        double[] next = new double[widest];
        for (int i = 0; i < x.length; i++) {
            current[i] = (x[i] - means[i]) / scales[i];
        }
        int last = layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            Layer layer = layers.get(l);
            float[] w = layer.weights();
            float[] b = layer.bias();
            int in = layer.inputs();
            for (int o = 0; o < layer.outputs(); o++) {
                double sum = b[o];
                int row = o * in;
                for (int i = 0; i < in; i++) {
                    sum += w[row + i] * current[i];
                }
                next[o] = l < last && sum < 0 ? 0 : sum;
            }
            double[] swap = current;
            current = next;
            next = swap;
        }
        return current[0] * targetStd + targetMean;
    }

    public byte[] toBytes() {
        return ArtifactFormat.write(MAGIC, FORMAT_VERSION, out -> {
            ArtifactFormat.writeDoubles(out, input.means());
            ArtifactFormat.writeDoubles(out, input.scales());
            out.writeInt(layers.size());
            for (Layer layer : layers) {
                out.writeInt(layer.outputs());
                writeFloats(out, layer.weights());
                writeFloats(out, layer.bias());
            }
            out.writeDouble(targetMean);
            out.writeDouble(targetStd);
        });
    }

    /** @throws io.dwpilot.models.ml.CorruptArtifactException if the bytes are not an intact network of this format */
    public static DenseNetwork fromBytes(byte[] bytes) {
        return ArtifactFormat.read(bytes, MAGIC, FORMAT_VERSION, "dense network", DenseNetwork::readBody);
    }

    private static DenseNetwork readBody(DataInputStream in) throws IOException {
        ColumnStandardizer standardizer =
                new ColumnStandardizer(ArtifactFormat.readDoubles(in), ArtifactFormat.readDoubles(in));
        int inputs = standardizer.columns();
        int layerCount = ArtifactFormat.readCount(in, in.available() / Integer.BYTES, "layers");
        List<Layer> layers = new ArrayList<>(layerCount);
        int width = inputs;
        for (int l = 0; l < layerCount; l++) {
            int outputs = ArtifactFormat.readCount(in, in.available() / Float.BYTES, "layer outputs");
            layers.add(new Layer(
                    width, outputs, readFloats(in, Math.multiplyExact(width, outputs)), readFloats(in, outputs)));
            width = outputs;
        }
        return new DenseNetwork(standardizer, layers, in.readDouble(), in.readDouble());
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        if ((long) count * Float.BYTES > in.available()) {
            throw new IllegalArgumentException(count + " floats announced, " + in.available() + " bytes left");
        }
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static void requireFinite(float[] values, String what) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " is not finite: " + v);
            }
        }
    }

    @Override
    public String toString() {
        return "DenseNetwork[" + inputs() + " inputs, hidden " + hiddenSizes() + "]";
    }
}
