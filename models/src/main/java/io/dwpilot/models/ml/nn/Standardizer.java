package io.dwpilot.models.ml.nn;

import java.util.Arrays;

/**
 * Per-column mean and standard deviation of the training inputs; a column that never varies keeps a deviation of 1,
 * so it maps to 0 rather than to a division by zero.
 */
record Standardizer(float[] means, float[] stds) {
    Standardizer {
        if (means.length != stds.length) {
            throw new IllegalArgumentException(means.length + " means but " + stds.length + " deviations");
        }
        means = means.clone();
        stds = stds.clone();
        for (int i = 0; i < stds.length; i++) {
            if (!(stds[i] > 0) || !Float.isFinite(stds[i]) || !Float.isFinite(means[i])) {
                throw new IllegalArgumentException("column " + i + ": mean " + means[i] + ", deviation " + stds[i]);
            }
        }
    }

    static Standardizer fit(float[][] rows) {
        int columns = rows[0].length;
        double[] sum = new double[columns];
        double[] sumSquares = new double[columns];
        for (float[] row : rows) {
            for (int j = 0; j < columns; j++) {
                sum[j] += row[j];
                sumSquares[j] += (double) row[j] * row[j];
            }
        }
        float[] means = new float[columns];
        float[] stds = new float[columns];
        for (int j = 0; j < columns; j++) {
            double mean = sum[j] / rows.length;
            double variance = Math.max(0, sumSquares[j] / rows.length - mean * mean);
            means[j] = (float) mean;
            stds[j] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
        }
        return new Standardizer(means, stds);
    }

    int columns() {
        return means.length;
    }

    /** The standardized rows, flattened row by row (the layout an NDArray of shape (rows, columns) takes). */
    float[] applyFlat(float[][] rows) {
        int columns = columns();
        float[] flat = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != columns) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected "
                        + columns);
            }
            for (int j = 0; j < columns; j++) {
                flat[r * columns + j] = (rows[r][j] - means[j]) / stds[j];
            }
        }
        return flat;
    }

    @Override
    public float[] means() {
        return means.clone();
    }

    @Override
    public float[] stds() {
        return stds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer other && Arrays.equals(means, other.means) && Arrays.equals(stds, other.stds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(stds);
    }

    @Override
    public String toString() {
        return "Standardizer[" + means.length + " columns]";
    }
}
