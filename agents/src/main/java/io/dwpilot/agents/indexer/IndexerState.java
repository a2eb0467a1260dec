package io.dwpilot.agents.indexer;

import io.dwpilot.agents.runtime.JsonSerializable;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the indexer has decided, rebuilt from its journal: every index it recommended (by the id of its history row)
 * and where it stands, when it last analyzed, and the real-to-estimated size ratio of what it built.
 */
public record IndexerState(
        Map<Long, Tracked> indexes,
        Optional<Instant> lastAnalysisAt,
        long analyses,
        double estimatedBytesBuilt,
        double realBytesBuilt)
        implements JsonSerializable {

    /** Where a recommended index stands. */
    public enum Phase {
        /** Waits for a person (recommend-only mode). */
        RECOMMENDED,
        /** To be built, not before its time. */
        APPROVED,
        /** Built; its effect is being verified on real executions. */
        VERIFYING,
        /** Verified (or unjudged at the deadline) and kept. */
        KEPT,
        /** Did not help, or something regressed: dropped. */
        REVERTED,
        REJECTED,
        /** The build failed (what it left INVALID was dropped). */
        FAILED,
        /** Went unused and was dropped. */
        DROPPED;

        /** Whether the index exists (or is about to), and so counts against the budget. */
        boolean holdsStorage() {
            return this == APPROVED || this == VERIFYING || this == KEPT;
        }
    }

    /** One recommended index and its life so far. */
    public record Tracked(
            long id,
            IndexRecommendation recommendation,
            Phase phase,
            Instant recommendedAt,
            Optional<Instant> notBefore,
            Optional<Instant> buildStartedAt,
            Optional<Instant> builtAt,
            long realBytes)
            implements JsonSerializable {

        Tracked in(Phase next) {
            return new Tracked(id, recommendation, next, recommendedAt, notBefore, buildStartedAt, builtAt, realBytes);
        }

        Tracked approved(Instant at) {
            return new Tracked(
                    id,
                    recommendation,
                    Phase.APPROVED,
                    recommendedAt,
                    Optional.of(at),
                    buildStartedAt,
                    builtAt,
                    realBytes);
        }

        Tracked built(Instant started, Instant at, long bytes) {
            return new Tracked(
                    id,
                    recommendation,
                    Phase.VERIFYING,
                    recommendedAt,
                    notBefore,
                    Optional.of(started),
                    Optional.of(at),
                    bytes);
        }

        /** Its real size once built, its estimate before. */
        long bytes() {
            return phase == Phase.APPROVED ? recommendation.estimatedBytes() : realBytes;
        }
    }

    public IndexerState {
        indexes = Collections.unmodifiableMap(new TreeMap<>(indexes));
    }

    public static IndexerState initial() {
        return new IndexerState(Map.of(), Optional.empty(), 0, 0, 0);
    }

    Optional<Tracked> get(long id) {
        return Optional.ofNullable(indexes.get(id));
    }

    IndexerState with(Tracked tracked) {
        Map<Long, Tracked> next = new TreeMap<>(indexes);
        next.put(tracked.id(), tracked);
        return new IndexerState(next, lastAnalysisAt, analyses, estimatedBytesBuilt, realBytesBuilt);
    }

    IndexerState analyzed(Instant at) {
        return new IndexerState(indexes, Optional.of(at), analyses + 1, estimatedBytesBuilt, realBytesBuilt);
    }

    IndexerState built(Tracked tracked) {
        return new IndexerState(
                with(tracked).indexes,
                lastAnalysisAt,
                analyses,
                estimatedBytesBuilt + tracked.recommendation().estimatedBytes(),
                realBytesBuilt + tracked.realBytes());
    }

    /** Real over estimated size of everything built so far; 1 before the first build. */
    double sizeCalibration() {
        return estimatedBytesBuilt > 0 && realBytesBuilt > 0 ? realBytesBuilt / estimatedBytesBuilt : 1;
    }

    /** What the indexer's existing and approved indexes take of the budget. */
    long usedBytes() {
        return indexes.values().stream()
                .filter(t -> t.phase().holdsStorage())
                .mapToLong(Tracked::bytes)
                .sum();
    }

    /** The names of every index ever recommended: none is recommended twice. */
    Set<String> knownNames() {
        return indexes.values().stream()
                .map(t -> t.recommendation().indexName())
                .collect(Collectors.toSet());
    }

    List<Tracked> inPhase(Phase phase) {
        return indexes.values().stream().filter(t -> t.phase() == phase).toList();
    }

    long count(Phase phase) {
        return indexes.values().stream().filter(t -> t.phase() == phase).count();
    }
}
