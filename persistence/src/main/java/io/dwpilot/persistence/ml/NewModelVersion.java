package io.dwpilot.persistence.ml;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A trained model to register; its version number is given by the registry.
 *
 * @param artifact            the serialized model; not copied, as it may be large: do not change it afterwards
 * @param metricsJson         a JSON object, e.g. the test metrics
 * @param hyperParametersJson a JSON object
 * @param features            the input feature names in the model's order
 */
public record NewModelVersion(
        String name,
        String algorithm,
        byte[] artifact,
        String artifactFormat,
        String metricsJson,
        String hyperParametersJson,
        List<String> features,
        long trainingDataSize,
        long trainingTimeMs,
        OptionalLong trainingRunId) {
    public NewModelVersion {
        requireText(name, "name");
        requireText(algorithm, "algorithm");
        Objects.requireNonNull(artifact, "artifact");
        requireText(artifactFormat, "artifactFormat");
        Objects.requireNonNull(metricsJson, "metricsJson");
        Objects.requireNonNull(hyperParametersJson, "hyperParametersJson");
        features = List.copyOf(features);
        Objects.requireNonNull(trainingRunId, "trainingRunId");
        if (trainingDataSize < 0 || trainingTimeMs < 0) {
            throw new IllegalArgumentException(
                    "training data size and time must be >= 0, were " + trainingDataSize + " and " + trainingTimeMs);
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }
}
