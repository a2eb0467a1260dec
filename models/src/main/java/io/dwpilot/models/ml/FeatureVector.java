package io.dwpilot.models.ml;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/** One example's features in its schema's order. Values are finite: an extractor writes 0 for "absent". */
public record FeatureVector(FeatureSchema schema, float[] values) {
    public FeatureVector {
        Objects.requireNonNull(schema, "schema");
        values = values.clone();
        if (values.length != schema.size()) {
            throw new IllegalArgumentException("schema version " + schema.version() + " has " + schema.size()
                    + " features, the vector " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("feature " + schema.names().get(i) + " is not finite: " + values[i]);
            }
        }
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    public float get(String name) {
        return values[schema.index(name)];
    }

    /** Named values, e.g. for a JSON document in ml.feature_store. */
    public Map<String, Double> asMap() {
        return schema.named(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector other && schema.equals(other.schema) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FeatureVector" + asMap();
    }
}
