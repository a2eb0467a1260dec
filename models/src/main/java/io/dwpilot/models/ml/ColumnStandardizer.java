package io.dwpilot.models.ml;

import java.util.Arrays;

/**
 * Centres each column of a model's input on its training mean and divides by its (population) standard deviation,
 * so that no feature dominates by its unit alone; a column that never varies keeps scale 1 and becomes 0 rather
 * than a division by zero. The networks and the clustering share it.
 */
public record ColumnStandardizer(double[] means, double[] scales) {
    public ColumnStandardizer {
        means = means.clone();
        scales = scales.clone();
        if (means.length == 0 || means.length != scales.length) {
            throw new IllegalArgumentException("means and scales must be non-empty and of one length, were "
                    + means.length + " and " + scales.length);
        }
        for (int j = 0; j < means.length; j++) {
            if (!Double.isFinite(means[j]) || !(scales[j] > 0) || Double.isInfinite(scales[j])) {
                throw new IllegalArgumentException("column " + j + " has mean " + means[j] + " and scale " + scales[j]);
            }
        }
    }

    /** Fits the rows (all of one width, at least one). */
    public static ColumnStandardizer fit(double[][] rows) {
        int columns = rows[0].length;
        double[] means = new double[columns];
        double[] scales = new double[columns];
        for (int j = 0; j < columns; j++) {
            double mean = 0;
            for (double[] row : rows) {
                mean += row[j];
            }
            mean /= rows.length;
            double variance = 0;
            for (double[] row : rows) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double std = Math.sqrt(variance / rows.length);
            means[j] = mean;
            scales[j] = std > 1e-6 ? std : 1;
        }
        return new ColumnStandardizer(means, scales);
    }

    /** Fits rows of floats, as a network's training matrix holds them. */
    public static ColumnStandardizer fit(float[][] rows) {
        double[][] wide = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            wide[r] = new double[rows[r].length];
            for (int j = 0; j < wide[r].length; j++) {
                wide[r][j] = rows[r][j];
            }
        }
        return fit(wide);
    }

    public int columns() {
        return means.length;
    }

    public double[] apply(double[] row) {
        requireWidth(row.length, 0);
        double[] z = new double[row.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (row[j] - means[j]) / scales[j];
        }
        return z;
    }

    /** The standardized rows, flattened row by row (the layout an NDArray of shape (rows, columns) takes). */
    public float[] applyFlat(float[][] rows) {
        int columns = columns();
        float[] flat = new float[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            requireWidth(rows[r].length, r);
            for (int j = 0; j < columns; j++) {
                flat[r * columns + j] = (float) ((rows[r][j] - means[j]) / scales[j]);
            }
        }
        return flat;
    }

    private void requireWidth(int width, int row) {
        if (width != means.length) {
            throw new IllegalArgumentException("row " + row + " has " + width + " values, expected " + means.length);
        }
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnStandardizer s && Arrays.equals(means, s.means) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "ColumnStandardizer[" + means.length + " columns]";
    }
}
