package io.dwpilot.models.ml.cost;

import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.FeatureSchema;
import io.dwpilot.models.ml.FeatureVector;
import io.dwpilot.models.ml.nn.DenseNetwork;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The learned cost predictor: a {@link DenseNetwork} that maps a feature vector to log milliseconds
 * ({@link io.dwpilot.models.ml.features.LatencyHistory#logMs}), together with the schema it was trained on and the
 * hyper-parameters that produced it. A vector of any other schema is refused.
 *
 * <p>Artifact ({@link #toArtifact()}), inside the {@link ArtifactFormat} frame (magic {@code "DWCM"}, format version
 * {@value #FORMAT_VERSION}): {@code int schemaVersion; int names; names as modified UTF-8; hyper-parameters;
 * int length + the network's own artifact}.
 */
public final class LearnedCostModel implements CostPredictor {
    static final int MAGIC = 0x4457434D; // "DWCM"
    static final int FORMAT_VERSION = 1;

    private final FeatureSchema schema;
    private final MlpHyperParameters hyperParameters;
    private final DenseNetwork network;

    public LearnedCostModel(FeatureSchema schema, MlpHyperParameters hyperParameters, DenseNetwork network) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.hyperParameters = Objects.requireNonNull(hyperParameters, "hyperParameters");
        this.network = Objects.requireNonNull(network, "network");
        if (network.inputs() != schema.size()) {
            throw new IllegalArgumentException("the network takes " + network.inputs() + " inputs, schema version "
                    + schema.version() + " has " + schema.size() + " features");
        }
    }

    /** @throws IllegalArgumentException if the vector is of another schema than the model's */
    @Override
    public double predictMs(FeatureVector features) {
        if (!features.schema().equals(schema)) {
            throw new IllegalArgumentException("the model reads feature schema version " + schema.version() + " ("
                    + schema.size() + " features), the vector is of version "
                    + features.schema().version() + " ("
                    + features.schema().size() + " features)");
        }
        return Math.exp(network.predict(features.values()));
    }

    @Override
    public String name() {
        return "mlp";
    }

    public FeatureSchema schema() {
        return schema;
    }

    public MlpHyperParameters hyperParameters() {
        return hyperParameters;
    }

    public byte[] toArtifact() {
        return ArtifactFormat.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeInt(schema.version());
            out.writeInt(schema.size());
            for (String name : schema.names()) {
                out.writeUTF(name);
            }
            hyperParameters.writeTo(out);
            ArtifactFormat.writeBlock(out, network.toBytes());
        });
    }

    /** @throws io.dwpilot.models.ml.CorruptArtifactException if the bytes are not an intact cost model */
    public static LearnedCostModel fromArtifact(byte[] artifact) {
        return ArtifactFormat.read(artifact, MAGIC, FORMAT_VERSION, "learned cost model", LearnedCostModel::readBody);
    }

    private static LearnedCostModel readBody(DataInputStream in) throws IOException {
        int version = in.readInt();
        // a name takes at least its two-byte length
        int count = ArtifactFormat.readCount(in, in.available() / Short.BYTES, "feature names");
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(in.readUTF());
        }
        MlpHyperParameters hyperParameters = MlpHyperParameters.readFrom(in);
        DenseNetwork network = DenseNetwork.fromBytes(ArtifactFormat.readBlock(in));
        return new LearnedCostModel(new FeatureSchema(version, names), hyperParameters, network);
    }

    @Override
    public String toString() {
        return "LearnedCostModel[schema v" + schema.version() + ", " + hyperParameters.label() + "]";
    }
}
