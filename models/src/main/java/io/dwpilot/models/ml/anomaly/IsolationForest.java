package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.ml.ArtifactFormat;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Isolation forest (Liu, Ting and Zhou, "Isolation Forest", ICDM 2008). Anomalies are few and different, so random
 * axis-parallel splits separate them from the rest in fewer steps than a normal point. Each tree grows on a
 * subsample of {@code sampleSize} rows drawn without replacement, splitting on a random feature at a uniform point
 * between its minimum and maximum, until a point is alone or the height limit ceil(log2 sampleSize) is reached. The
 * score of x is {@code s = 2^(-E[h(x)] / c(sampleSize))}, where h is the path length (a leaf still holding m points
 * adds c(m)) and c(n) the average path length of an unsuccessful search in a binary search tree of n keys: about 1
 * for a clear anomaly, below 0.5 for a normal point.
 *
 * <p>One deviation from the paper: the split feature is drawn among the features that are not constant on the node's
 * points (as scikit-learn does), so no split leaves a side empty. A feature constant in the whole training sample is
 * therefore never split on, and a point that differs only there is not isolated — a limit callers must cover
 * otherwise (see {@link ExecutionAnomalyDetector}).
 *
 * <p>Fitting is deterministic for a seed; a fitted forest is immutable and thread-safe.
 */
public final class IsolationForest {
    static final int MAGIC = 0x44574946; // "DWIF"
    static final int FORMAT_VERSION = 1;
    private static final double EULER_GAMMA = 0.5772156649015329;
    /** Harmonic numbers are summed exactly up to here; beyond, the asymptotic expansion is exact to about 1e-13. */
    private static final int EXACT_HARMONIC_LIMIT = 64;

    private final int dimensions;
    private final int sampleSize;
    private final List<IsolationTree> trees;

    private IsolationForest(int dimensions, int sampleSize, List<IsolationTree> trees) {
        if (dimensions < 1 || sampleSize < 2 || trees.isEmpty()) {
            throw new IllegalArgumentException("need at least one dimension, a sample of 2 and one tree; got "
                    + dimensions + ", " + sampleSize + ", " + trees.size());
        }
        this.dimensions = dimensions;
        this.sampleSize = sampleSize;
        this.trees = List.copyOf(trees);
    }

    /**
     * Fits {@code trees} trees on subsamples of {@code min(sampleSize, rows)} rows of {@code x} (the paper's defaults
     * are 100 trees of 256).
     *
     * @throws IllegalArgumentException for fewer than two rows, ragged or non-finite rows, or non-positive sizes
     */
    public static IsolationForest fit(double[][] x, int trees, int sampleSize, long seed) {
        if (trees < 1 || sampleSize < 2) {
            throw new IllegalArgumentException(
                    "trees must be >= 1 and sampleSize >= 2, got " + trees + ", " + sampleSize);
        }
        int dimensions = checkRows(x);
        int psi = Math.min(sampleSize, x.length);
        int heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
        SplittableRandom random = new SplittableRandom(seed);
        int[] rows = new int[x.length];
        List<IsolationTree> grown = new ArrayList<>(trees);
        for (int t = 0; t < trees; t++) {
            grown.add(IsolationTree.grow(x, subsample(rows, psi, random), heightLimit, random));
        }
        return new IsolationForest(dimensions, psi, grown);
    }

    /** The anomaly score of {@code point} in (0, 1); see the class comment. */
    public double score(double[] point) {
        if (point.length != dimensions) {
            throw new IllegalArgumentException(
                    "the forest has " + dimensions + " dimensions, the point " + point.length);
        }
        for (double v : point) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("point values must be finite, got " + v);
            }
        }
        double sum = 0;
        for (IsolationTree tree : trees) {
            sum += tree.pathLength(point);
        }
        return Math.pow(2, -(sum / trees.size()) / averagePathLength(sampleSize));
    }

    /**
     * c(n) = 2 H(n - 1) - 2 (n - 1) / n, the average path length of an unsuccessful search in a binary search tree of
     * n keys, with the harmonic number H exact (so c(2) = 1); c(n) = 0 for n <= 1.
     */
    public static double averagePathLength(long n) {
        if (n <= 1) {
            return 0;
        }
        return 2 * harmonic(n - 1) - 2.0 * (n - 1) / n;
    }

    private static double harmonic(long i) {
        if (i <= EXACT_HARMONIC_LIMIT) {
            double sum = 0;
            for (long k = i; k >= 1; k--) {
                sum += 1.0 / k;
            }
            return sum;
        }
        double inverse = 1.0 / i;
        double inverse2 = inverse * inverse;
        return Math.log(i) + EULER_GAMMA + inverse / 2 - inverse2 / 12 + inverse2 * inverse2 / 120;
    }

    public int dimensions() {
        return dimensions;
    }

    /** The subsample each tree was grown on: the requested size, or fewer when there were fewer rows. */
    public int sampleSize() {
        return sampleSize;
    }

    public int trees() {
        return trees.size();
    }

    public byte[] toBytes() {
        return ArtifactFormat.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeInt(dimensions);
            out.writeInt(sampleSize);
            out.writeInt(trees.size());
            for (IsolationTree tree : trees) {
                tree.write(out);
            }
        });
    }

    /** @throws io.dwpilot.models.ml.CorruptArtifactException if the bytes are not an intact forest */
    public static IsolationForest fromBytes(byte[] bytes) {
        return ArtifactFormat.read(bytes, MAGIC, FORMAT_VERSION, "isolation forest", IsolationForest::read);
    }

    private static IsolationForest read(DataInputStream in) throws IOException {
        int dimensions = in.readInt();
        int sampleSize = in.readInt();
        int count = ArtifactFormat.readCount(in, in.available(), "tree count");
        List<IsolationTree> trees = new ArrayList<>(count);
        for (int t = 0; t < count; t++) {
            trees.add(IsolationTree.read(in, dimensions));
        }
        return new IsolationForest(dimensions, sampleSize, trees);
    }

    private static int checkRows(double[][] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("need at least two rows, got " + x.length);
        }
        int dimensions = x[0].length;
        if (dimensions == 0) {
            throw new IllegalArgumentException("rows must have at least one feature");
        }
        for (double[] row : x) {
            if (row.length != dimensions) {
                throw new IllegalArgumentException("rows have " + dimensions + " and " + row.length + " features");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("values must be finite, got " + v);
                }
            }
        }
        return dimensions;
    }

    /** The first {@code size} entries of a partial Fisher-Yates shuffle of 0..rows.length-1. */
    private static int[] subsample(int[] rows, int size, SplittableRandom random) {
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(rows.length - i);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return Arrays.copyOf(rows, size);
    }
}
