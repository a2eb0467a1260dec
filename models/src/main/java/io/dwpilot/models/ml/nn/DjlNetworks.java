package io.dwpilot.models.ml.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.dwpilot.models.ml.ColumnStandardizer;
import java.util.ArrayList;
import java.util.List;

/** The bridge between DJL's blocks, used for training, and {@link DenseNetwork}, used for serving. */
final class DjlNetworks {
    private DjlNetworks() {}

    /** Linear + ReLU per hidden layer, then a linear layer with one output. */
    static SequentialBlock mlp(List<Integer> hidden) {
        SequentialBlock block = new SequentialBlock();
        for (int units : hidden) {
            block.add(Linear.builder().setUnits(units).build());
            block.add(Activation.reluBlock());
        }
        block.add(Linear.builder().setUnits(1).build());
        return block;
    }

    /** Copies the current weights of an initialized {@link #mlp} block. */
    static DenseNetwork copy(SequentialBlock block, ColumnStandardizer input, double targetMean, double targetStd) {
        List<DenseNetwork.Layer> layers = new ArrayList<>();
        int width = input.columns();
        for (Pair<String, Block> child : block.getChildren()) {
            if (child.getValue() instanceof Linear linear) {
                float[] weights =
                        linear.getParameters().get("weight").getArray().toFloatArray();
                float[] bias = linear.getParameters().get("bias").getArray().toFloatArray();
                layers.add(new DenseNetwork.Layer(width, bias.length, weights, bias));
                width = bias.length;
            }
        }
        return new DenseNetwork(input, layers, targetMean, targetStd);
    }
}
