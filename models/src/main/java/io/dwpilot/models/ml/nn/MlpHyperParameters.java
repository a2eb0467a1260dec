package io.dwpilot.models.ml.nn;

import io.dwpilot.models.ml.ArtifactFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How a multi-layer perceptron is trained.
 *
 * @param hidden       units of each hidden layer, input side first (empty: a linear model)
 * @param epochs       the most passes over the training rows; early stopping may end sooner
 * @param learningRate Adam's step size
 * @param batchSize    rows per mini-batch
 * @param weightDecay  L2 penalty on the weights (Adam's weight decay)
 * @param seed         seeds the initial weights and the shuffling
 */
public record MlpHyperParameters(
        List<Integer> hidden, int epochs, float learningRate, int batchSize, float weightDecay, long seed) {
    public MlpHyperParameters {
        Objects.requireNonNull(hidden, "hidden");
        hidden = List.copyOf(hidden);
        if (hidden.stream().anyMatch(units -> units <= 0)) {
            throw new IllegalArgumentException("hidden layer sizes must be positive, were " + hidden);
        }
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException(
                    "epochs and batchSize must be positive, were " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive, was " + learningRate);
        }
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, was " + weightDecay);
        }
    }

    /** The values for the model registry's hyper-parameter column, in a stable order. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hidden", hidden);
        map.put("epochs", epochs);
        map.put("learning_rate", learningRate);
        map.put("batch_size", batchSize);
        map.put("weight_decay", weightDecay);
        map.put("seed", seed);
        return map;
    }

    /** A short, stable label for reports, e.g. {@code mlp[64x32] e40 lr0.001 b256 wd1.0E-4}. */
    public String label() {
        String layers = hidden.stream().map(String::valueOf).collect(Collectors.joining("x"));
        return "mlp[" + layers + "] e" + epochs + " lr" + learningRate + " b" + batchSize + " wd" + weightDecay;
    }

    /** Writes these values into a model artifact. */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(hidden.size());
        for (int units : hidden) {
            out.writeInt(units);
        }
        out.writeInt(epochs);
        out.writeFloat(learningRate);
        out.writeInt(batchSize);
        out.writeFloat(weightDecay);
        out.writeLong(seed);
    }

    /** Reads what {@link #writeTo} wrote; bad values surface as {@link IllegalArgumentException}. */
    public static MlpHyperParameters readFrom(DataInputStream in) throws IOException {
        int layers = ArtifactFormat.readCount(in, in.available() / Integer.BYTES, "hidden layers");
        List<Integer> hidden = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            hidden.add(in.readInt());
        }
        return new MlpHyperParameters(
                hidden, in.readInt(), in.readFloat(), in.readInt(), in.readFloat(), in.readLong());
    }
}
