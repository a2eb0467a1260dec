package io.dwpilot.persistence.query;

import java.util.Map;

/**
 * The named feature values a prediction was made from, and the version of the code that computed them; stored in
 * ml.feature_store beside the execution's log row. Values are finite: JSON has no NaN or infinity.
 */
public record FeatureRow(int featureVersion, Map<String, Double> values) {
    public FeatureRow {
        if (featureVersion <= 0) {
            throw new IllegalArgumentException("featureVersion must be positive, was " + featureVersion);
        }
        values = Map.copyOf(values);
        values.forEach((name, value) -> {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("feature " + name + " is not finite: " + value);
            }
        });
    }
}
