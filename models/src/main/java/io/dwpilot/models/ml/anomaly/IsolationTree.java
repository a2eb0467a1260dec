package io.dwpilot.models.ml.anomaly;

import io.dwpilot.models.ml.ArtifactFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One isolation tree (Liu, Ting and Zhou 2008), stored as flat arrays in pre-order: node {@code i} is a split on
 * {@code feature[i]} at {@code split[i]} (values below go to {@code left[i]}, the rest to {@code right[i]}) or, when
 * {@code feature[i] < 0}, a leaf that holds {@code size[i]} training points. Children always come after their parent,
 * which makes a read-back tree acyclic by construction.
 */
final class IsolationTree {
    private static final int LEAF = -1;

    private final int[] feature;
    private final double[] split;
    private final int[] left;
    private final int[] right;
    private final int[] size;

    private IsolationTree(int[] feature, double[] split, int[] left, int[] right, int[] size, int dimensions) {
        int n = feature.length;
        if (n == 0 || split.length != n || left.length != n || right.length != n || size.length != n) {
            throw new IllegalArgumentException("tree arrays must be non-empty and of one length");
        }
        for (int i = 0; i < n; i++) {
            if (feature[i] == LEAF) {
                if (size[i] < 1) {
                    throw new IllegalArgumentException("leaf " + i + " holds " + size[i] + " points");
                }
            } else if (feature[i] < 0
                    || feature[i] >= dimensions
                    || !Double.isFinite(split[i])
                    || left[i] <= i
                    || right[i] <= i
                    || left[i] >= n
                    || right[i] >= n) {
                throw new IllegalArgumentException("node " + i + " is not a valid split");
            }
        }
        this.feature = feature;
        this.split = split;
        this.left = left;
        this.right = right;
        this.size = size;
    }

    /** Grows a tree on the rows {@code sample} of {@code x} until each point is isolated or {@code heightLimit}. */
    static IsolationTree grow(double[][] x, int[] sample, int heightLimit, SplittableRandom random) {
        Builder builder = new Builder(x, 2 * sample.length - 1, random);
        builder.grow(sample.clone(), 0, sample.length, 0, heightLimit);
        return builder.build(x[0].length);
    }

    /** The paper's h(x): edges from the root to x's leaf, plus c(size) for the points the leaf left unseparated. */
    double pathLength(double[] point) {
        int node = 0;
        int depth = 0;
        while (feature[node] != LEAF) {
            node = point[feature[node]] < split[node] ? left[node] : right[node];
            depth++;
        }
        return depth + IsolationForest.averagePathLength(size[node]);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(feature.length);
        for (int i = 0; i < feature.length; i++) {
            out.writeInt(feature[i]);
            if (feature[i] == LEAF) {
                out.writeInt(size[i]);
            } else {
                out.writeDouble(split[i]);
                out.writeInt(left[i]);
                out.writeInt(right[i]);
            }
        }
    }

    static IsolationTree read(DataInputStream in, int dimensions) throws IOException {
        // a node takes at least 8 bytes, which bounds the count before anything is allocated
        int n = ArtifactFormat.readCount(in, in.available() / (2 * Integer.BYTES), "tree node count");
        int[] feature = new int[n];
        double[] split = new double[n];
        int[] left = new int[n];
        int[] right = new int[n];
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            feature[i] = in.readInt();
            if (feature[i] == LEAF) {
                size[i] = in.readInt();
            } else {
                split[i] = in.readDouble();
                left[i] = in.readInt();
                right[i] = in.readInt();
            }
        }
        return new IsolationTree(feature, split, left, right, size, dimensions);
    }

    /** Grows the arrays node by node; a tree over m points has at most 2m - 1 nodes. */
    private static final class Builder {
        private final double[][] x;
        private final SplittableRandom random;
        private final int[] feature;
        private final double[] split;
        private final int[] left;
        private final int[] right;
        private final int[] size;
        private int count;

        Builder(double[][] x, int capacity, SplittableRandom random) {
            this.x = x;
            this.random = random;
            feature = new int[capacity];
            split = new double[capacity];
            left = new int[capacity];
            right = new int[capacity];
            size = new int[capacity];
        }

        /** Grows the subtree over {@code rows[from, to)} and returns its node index. */
        int grow(int[] rows, int from, int to, int depth, int heightLimit) {
            int node = count++;
            int chosen = depth >= heightLimit || to - from <= 1 ? LEAF : chooseFeature(rows, from, to);
            if (chosen == LEAF) {
                feature[node] = LEAF;
                size[node] = to - from;
                return node;
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                min = Math.min(min, x[rows[i]][chosen]);
                max = Math.max(max, x[rows[i]][chosen]);
            }
            // uniform in (min, max], so both sides receive at least one point
            double at = min + (1 - random.nextDouble()) * (max - min);
            if (!(at > min)) {
                at = Math.nextUp(min);
            }
            int mid = partition(rows, from, to, chosen, at);
            feature[node] = chosen;
            split[node] = at;
            left[node] = grow(rows, from, mid, depth + 1, heightLimit);
            right[node] = grow(rows, mid, to, depth + 1, heightLimit);
            return node;
        }

        /** A feature drawn uniformly among those not constant on the rows, or {@link #LEAF} if all are. */
        private int chooseFeature(int[] rows, int from, int to) {
            int dimensions = x[0].length;
            int[] varying = new int[dimensions];
            int n = 0;
            for (int f = 0; f < dimensions; f++) {
                double first = x[rows[from]][f];
                for (int i = from + 1; i < to; i++) {
                    if (x[rows[i]][f] != first) {
                        varying[n++] = f;
                        break;
                    }
                }
            }
            return n == 0 ? LEAF : varying[random.nextInt(n)];
        }

        /** Moves the rows whose value is below {@code at} to the front; returns where the rest begin. */
        private int partition(int[] rows, int from, int to, int f, double at) {
            int mid = from;
            for (int i = from; i < to; i++) {
                if (x[rows[i]][f] < at) {
                    int t = rows[mid];
                    rows[mid++] = rows[i];
                    rows[i] = t;
                }
            }
            return mid;
        }

        IsolationTree build(int dimensions) {
            return new IsolationTree(
                    Arrays.copyOf(feature, count),
                    Arrays.copyOf(split, count),
                    Arrays.copyOf(left, count),
                    Arrays.copyOf(right, count),
                    Arrays.copyOf(size, count),
                    dimensions);
        }
    }
}
