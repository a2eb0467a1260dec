package io.dwpilot.persistence.observations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One forecast made for a target: the model that made it, when, and its points in bucket order. */
public record Forecast(
        String model,
        Optional<String> modelVersion,
        Instant madeAt,
        String target,
        int bucketMinutes,
        List<ForecastPoint> points) {}
