package io.dwpilot.persistence.ml;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One registered version of a model, without its artifact (see {@link ModelRegistry#artifact(long)}).
 *
 * @param id            the registry row's id, unique across models
 * @param version       1, 2, ... per model name
 * @param artifactBytes the artifact's size
 * @param activatedAt   when it last became the active version
 */
public record ModelVersion(
        long id,
        String name,
        int version,
        String algorithm,
        String artifactFormat,
        int artifactBytes,
        String metricsJson,
        String hyperParametersJson,
        List<String> features,
        long trainingDataSize,
        OptionalLong trainingTimeMs,
        OptionalLong trainingRunId,
        boolean active,
        Instant createdAt,
        Optional<Instant> activatedAt) {
    public ModelVersion {
        features = List.copyOf(features);
    }
}
