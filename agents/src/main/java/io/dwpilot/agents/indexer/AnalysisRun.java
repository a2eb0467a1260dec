package io.dwpilot.agents.indexer;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One workload analysis asked for through the API: running, done with the indexer's summary, or failed with its
 * words. {@code id} is random, so that an id from before a restart never names a later analysis.
 */
public record AnalysisRun(
        String id,
        Status status,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<String> summary,
        Optional<String> message) {
    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    public AnalysisRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        finishedAt = finishedAt == null ? Optional.empty() : finishedAt;
        summary = summary == null ? Optional.empty() : summary;
        message = message == null ? Optional.empty() : message;
    }

    static AnalysisRun running(String id, Instant at) {
        return new AnalysisRun(id, Status.RUNNING, at, Optional.empty(), Optional.empty(), Optional.empty());
    }

    AnalysisRun done(Instant at, String summary) {
        return new AnalysisRun(id, Status.DONE, startedAt, Optional.of(at), Optional.of(summary), Optional.empty());
    }

    AnalysisRun failed(Instant at, String message) {
        return new AnalysisRun(id, Status.FAILED, startedAt, Optional.of(at), Optional.empty(), Optional.of(message));
    }
}
