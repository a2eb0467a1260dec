package io.dwpilot.gateway;

import java.util.Map;
import java.util.Optional;

/**
 * What the gateway would make of a statement without running it: its fingerprint, the active cost model's
 * predicted time (absent while none serves), the fingerprint's observed running estimate (absent for a shape never
 * seen), the lane it would take and the features the model read.
 */
public record CostPrediction(
        String fingerprint,
        String statementKind,
        Optional<Double> predictedMs,
        Optional<String> model,
        Optional<Double> observedMs,
        Lane lane,
        Map<String, Double> features) {}
