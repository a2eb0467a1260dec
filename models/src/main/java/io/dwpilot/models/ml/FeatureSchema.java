package io.dwpilot.models.ml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered names of a model's input features and the version of the code that computes them. A model records the
 * schema it was trained on; a vector of another version is never fed to it.
 */
public record FeatureSchema(int version, List<String> names) {
    public FeatureSchema {
        names = List.copyOf(names);
        if (version <= 0) {
            throw new IllegalArgumentException("version must be positive, was " + version);
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("feature names repeat: " + names);
        }
    }

    public int size() {
        return names.size();
    }

    /** The position of {@code name}. */
    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no feature named " + name + " in schema version " + version);
        }
        return i;
    }

    /** A vector of this schema from named values; a name the map lacks is 0 (what the extractor writes for "absent"). */
    public FeatureVector vector(Map<String, ? extends Number> values) {
        Objects.requireNonNull(values, "values");
        float[] v = new float[names.size()];
        for (int i = 0; i < v.length; i++) {
            Number n = values.get(names.get(i));
            v[i] = n == null ? 0f : n.floatValue();
        }
        return new FeatureVector(this, v);
    }

    /** Named values, e.g. for a JSON document in ml.feature_store. */
    public Map<String, Double> named(float[] values) {
        Map<String, Double> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), (double) values[i]);
        }
        return map;
    }
}
