package io.dwpilot.models.ml.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.dwpilot.models.ml.ColumnStandardizer;
import java.util.Random;

/**
 * Trains a {@link DenseNetwork} with DJL on PyTorch's CPU engine: a {@link SequentialBlock} of Linear + ReLU layers,
 * Adam, L2 loss on standardized inputs and target, shuffled mini-batches, and early stopping on the validation loss
 * (after {@value #PATIENCE} epochs without improvement; the best epoch's weights are kept). The engine's seed and
 * the shuffling follow {@link MlpHyperParameters#seed()}, so a run repeats as far as PyTorch's CPU kernels allow.
 * The engine's seed and its gradient collector are global to the JVM, so trainings run one at a time (a second
 * caller waits): two at once would fail ("a gradient collector is already collecting") or mix their seeds.
 */
public final class MlpTrainer {
    /** Epochs without a better validation loss before training stops. */
    public static final int PATIENCE = 8;

    private static final String ENGINE = "PyTorch";
    private static final Object ENGINE_LOCK = new Object();

    private MlpTrainer() {}

    /**
     * @param x    training rows (all of one width), raw values: standardization is learned here
     * @param y    training targets
     * @param xVal validation rows for early stopping
     * @param yVal validation targets
     * @throws IllegalArgumentException on empty, ragged or non-finite data
     */
    public static DenseNetwork train(float[][] x, float[] y, float[][] xVal, float[] yVal, MlpHyperParameters hp) {
        requireData(x, y, "training");
        requireData(xVal, yVal, "validation");
        int width = x[0].length;
        if (xVal[0].length != width) {
            throw new IllegalArgumentException(
                    "training rows have " + width + " values, validation rows " + xVal[0].length);
        }
        ColumnStandardizer input = ColumnStandardizer.fit(x);
        double targetMean = mean(y);
        double targetStd = deviation(y, targetMean);
        float[] trainX = input.applyFlat(x);
        float[] trainY = standardize(y, targetMean, targetStd);
        float[] valX = input.applyFlat(xVal);
        float[] valY = standardize(yVal, targetMean, targetStd);

        synchronized (ENGINE_LOCK) {
            return fit(new Standardized(input, targetMean, targetStd, trainX, trainY, valX, valY, width), hp);
        }
    }

    /** The data in the network's units: inputs and target standardized, rows flattened, and how to undo it. */
    private record Standardized(
            ColumnStandardizer input,
            double targetMean,
            double targetStd,
            float[] trainX,
            float[] trainY,
            float[] valX,
            float[] valY,
            int width) {}

    private static DenseNetwork fit(Standardized data, MlpHyperParameters hp) {
        ColumnStandardizer input = data.input();
        double targetMean = data.targetMean();
        double targetStd = data.targetStd();
        float[] trainX = data.trainX();
        float[] trainY = data.trainY();
        float[] valX = data.valX();
        float[] valY = data.valY();
        int width = data.width();
        Engine engine = Engine.getEngine(ENGINE);
        engine.setRandomSeed((int) hp.seed());
        SequentialBlock block = DjlNetworks.mlp(hp.hidden());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(hp.learningRate()))
                        .optWeightDecays(hp.weightDecay())
                        .build())
                .optDevices(new Device[] {Device.cpu()});
        try (Model model = Model.newInstance("mlp", Device.cpu(), ENGINE)) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, width));
                Random shuffle = new Random(hp.seed());
                int[] order = identity(trainY.length);
                DenseNetwork best = null;
                double bestLoss = Double.POSITIVE_INFINITY;
                int sinceBest = 0;
                for (int epoch = 0; epoch < hp.epochs() && sinceBest < PATIENCE; epoch++) {
                    shuffleInPlace(order, shuffle);
                    for (int start = 0; start < order.length; start += hp.batchSize()) {
                        int end = Math.min(order.length, start + hp.batchSize());
                        step(trainer, trainX, trainY, width, order, start, end);
                    }
                    double loss = validationLoss(trainer, valX, valY, width);
                    if (loss < bestLoss) {
                        bestLoss = loss;
                        best = DjlNetworks.copy(block, input, targetMean, targetStd);
                        sinceBest = 0;
                    } else {
                        sinceBest++;
                    }
                }
                if (best == null) {
                    throw new IllegalStateException("training diverged: the validation loss was never finite");
                }
                return best;
            }
        }
    }

    private static void step(Trainer trainer, float[] x, float[] y, int width, int[] order, int start, int end) {
        int rows = end - start;
        float[] batchX = new float[rows * width];
        float[] batchY = new float[rows];
        for (int r = 0; r < rows; r++) {
            int source = order[start + r];
            System.arraycopy(x, source * width, batchX, r * width, width);
            batchY[r] = y[source];
        }
        try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray features = batch.create(batchX, new Shape(rows, width));
            NDArray labels = batch.create(batchY, new Shape(rows, 1));
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDArray predicted = trainer.forward(new NDList(features)).singletonOrThrow();
                collector.backward(trainer.getLoss().evaluate(new NDList(labels), new NDList(predicted)));
            }
            trainer.step();
        }
    }

    /** Mean squared error on the standardized target. */
    private static double validationLoss(Trainer trainer, float[] x, float[] y, int width) {
        try (NDManager scratch = trainer.getManager().newSubManager()) {
            NDArray features = scratch.create(x, new Shape(y.length, width));
            float[] predicted =
                    trainer.evaluate(new NDList(features)).singletonOrThrow().toFloatArray();
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                double d = predicted[i] - y[i];
                sum += d * d;
            }
            double loss = sum / y.length;
            return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
        }
    }

    private static void requireData(float[][] x, float[] y, String what) {
        if (x == null || y == null || x.length == 0) {
            throw new IllegalArgumentException(what + " data must not be empty");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException(what + " data has " + x.length + " rows but " + y.length + " targets");
        }
        int width = x[0].length;
        if (width == 0) {
            throw new IllegalArgumentException(what + " rows have no values");
        }
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != width) {
                throw new IllegalArgumentException(
                        what + " row " + r + " has " + x[r].length + " values, expected " + width);
            }
            for (float v : x[r]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(what + " row " + r + " holds a non-finite value " + v);
                }
            }
            if (!Float.isFinite(y[r])) {
                throw new IllegalArgumentException(what + " target " + r + " is not finite: " + y[r]);
            }
        }
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The population deviation, 1 for a constant target (nothing to scale). */
    private static double deviation(float[] values, double mean) {
        double sum = 0;
        for (float v : values) {
            sum += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(sum / values.length);
        return std > 1e-9 ? std : 1;
    }

    private static float[] standardize(float[] values, double mean, double std) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) ((values[i] - mean) / std);
        }
        return out;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void shuffleInPlace(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }
}
