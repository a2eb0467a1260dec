package io.dwpilot.models.ml.features;

/**
 * How much data a statement's tables hold, summed over the tables it reads (from the catalog's row estimates and
 * relation sizes).
 */
public record DataVolume(double rows, double bytes) {
    /** No table, or sizes unknown. */
    public static final DataVolume NONE = new DataVolume(0, 0);

    public DataVolume {
        if (!(rows >= 0) || !(bytes >= 0) || !Double.isFinite(rows) || !Double.isFinite(bytes)) {
            throw new IllegalArgumentException("rows and bytes must be finite and >= 0, were " + rows + ", " + bytes);
        }
    }

    public DataVolume plus(DataVolume other) {
        return new DataVolume(rows + other.rows, bytes + other.bytes);
    }
}
