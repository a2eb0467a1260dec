package io.dwpilot.persistence.indexing;

import java.time.Duration;
import java.util.Objects;

/** A finished index build: the size of the new index ({@code pg_relation_size}) and how long the build took. */
public record BuildResult(long sizeBytes, Duration took) {
    public BuildResult {
        Objects.requireNonNull(took, "took");
    }
}
