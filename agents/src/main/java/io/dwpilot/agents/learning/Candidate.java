package io.dwpilot.agents.learning;

import java.util.List;
import java.util.Map;

/**
 * A newly trained model version before registration: its artifact, the metrics that describe it (its own, its
 * baselines' and the active version's on the same test set), and whether it beats both the baseline that serves
 * without a model and the active version.
 */
record Candidate(
        Object model,
        byte[] artifact,
        Map<String, Object> metrics,
        Map<String, Object> hyperParameters,
        List<String> features,
        long trainRows,
        long validationRows,
        long testRows,
        boolean better,
        String verdict) {}
