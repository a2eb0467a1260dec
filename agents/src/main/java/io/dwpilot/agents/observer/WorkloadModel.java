package io.dwpilot.agents.observer;

import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.persistence.metrics.SystemSample;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The observer's live workload model: {@link LoadStats} per fingerprint and over all of them, each execution counted
 * at its workload time (the simulated time when the simulator drove it). Executions out of order are counted in their
 * bucket; executions older than the kept day, or later than the clock's now (wall-time statements while a simulated
 * workload runs), are ignored. At most {@code maxFingerprints} fingerprints are kept: the least recently seen goes
 * first. Owned by one actor, not thread-safe.
 */
final class WorkloadModel {
    private final int maxFingerprints;
    private final int latencyWindow;
    private final LoadStats totals;
    private final LinkedHashMap<String, Entry> fingerprints = new LinkedHashMap<>();
    private long evicted;

    /** A fingerprint's shape as last seen and its load. */
    private static final class Entry {
        final LoadStats load;
        String statementKind;
        List<String> tables;
        List<String> columns;
        Instant firstSeen;
        Instant lastSeen;

        Entry(LoadStats load, Instant at) {
            this.load = load;
            this.firstSeen = at;
            this.lastSeen = at;
        }
    }

    WorkloadModel(int maxFingerprints, int latencyWindow, int totalLatencyWindow) {
        if (maxFingerprints <= 0) {
            throw new IllegalArgumentException("max-fingerprints must be positive, got " + maxFingerprints);
        }
        this.maxFingerprints = maxFingerprints;
        this.latencyWindow = latencyWindow;
        this.totals = new LoadStats(totalLatencyWindow);
    }

    /** Counts one execution, {@code now} being the workload clock's instant; false when it was ignored. */
    boolean record(QueryExecuted event, Instant now) {
        Instant at = event.workloadTime();
        if (!LoadStats.kept(at, now)) {
            return false;
        }
        // removed and put back last: the map runs from the least recently seen fingerprint to the latest
        Entry entry = fingerprints.remove(event.fingerprint());
        if (entry == null) {
            entry = new Entry(new LoadStats(latencyWindow), at);
        }
        fingerprints.put(event.fingerprint(), entry);
        entry.statementKind = event.statementKind();
        entry.tables = List.copyOf(event.tables());
        entry.columns = List.copyOf(event.columns());
        entry.firstSeen = at.isBefore(entry.firstSeen) ? at : entry.firstSeen;
        entry.lastSeen = at.isAfter(entry.lastSeen) ? at : entry.lastSeen;
        entry.load.add(event, now);
        totals.add(event, now);
        evictBeyondCap();
        return true;
    }

    /**
     * The workload at {@code end}: totals of the last minute and 5 minutes, latency quantiles of the last 5 minutes,
     * and the {@code busiestCount} fingerprints with most arrivals in the last 5 minutes (ties by fingerprint).
     */
    WorkloadSnapshot snapshot(Instant end, int busiestCount, int running, Optional<SystemSample> system) {
        LatencySummary latency = totals.latency(end, 5);
        List<WorkloadSnapshot.FingerprintLoad> busiest = fingerprints.entrySet().stream()
                .map(e -> new Ranked(e.getKey(), e.getValue(), e.getValue().load.arrivals(end, 5)))
                .filter(r -> r.arrivals() > 0)
                .sorted(Comparator.comparingLong(Ranked::arrivals).reversed().thenComparing(Ranked::fingerprint))
                .limit(busiestCount)
                .map(Ranked::load)
                .toList();
        return new WorkloadSnapshot(
                end,
                totals.arrivals(end, 1),
                totals.arrivals(end, 5),
                totals.failed(end, 5),
                totals.rejected(end, 5),
                latency.p50Ms(),
                latency.p95Ms(),
                running,
                busiest,
                system);
    }

    Optional<Observer.FingerprintView> fingerprint(String fingerprint, Instant end) {
        return Optional.ofNullable(fingerprints.get(fingerprint))
                .map(e -> new Observer.FingerprintView(
                        fingerprint, e.statementKind, e.tables, e.columns, e.firstSeen, e.lastSeen, e.load.view(end)));
    }

    Observer.LoadView totals(Instant end) {
        return totals.view(end);
    }

    int fingerprints() {
        return fingerprints.size();
    }

    long evicted() {
        return evicted;
    }

    private record Ranked(String fingerprint, Entry entry, long arrivals) {
        WorkloadSnapshot.FingerprintLoad load() {
            LatencySummary latency = entry.load.recentLatency();
            return new WorkloadSnapshot.FingerprintLoad(
                    fingerprint,
                    entry.statementKind,
                    arrivals,
                    entry.load.executions(),
                    entry.load.failures(),
                    latency.p50Ms(),
                    latency.p95Ms(),
                    latency.meanRows(),
                    entry.tables);
        }
    }

    private void evictBeyondCap() {
        var oldest = fingerprints.entrySet().iterator();
        while (fingerprints.size() > maxFingerprints) {
            oldest.next();
            oldest.remove();
            evicted++;
        }
    }
}
