package io.dwpilot.persistence.ml;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One injected anomaly episode of metadata.injected_anomalies: the ground truth a detector is scored against.
 *
 * @param startedAt the simulated (workload) time the episode began
 * @param endedAt   the simulated (workload) time it ended
 * @param queries   the statements it sent
 * @param queryIds  the gateway ids of those that got one (failing statements get none)
 */
public record LabelledEpisode(
        long id,
        String runId,
        String kind,
        Instant startedAt,
        Instant endedAt,
        Optional<Instant> wallStartedAt,
        Optional<Instant> wallEndedAt,
        int queries,
        Optional<String> description,
        List<Long> queryIds) {
    public LabelledEpisode {
        queryIds = List.copyOf(queryIds);
    }
}
