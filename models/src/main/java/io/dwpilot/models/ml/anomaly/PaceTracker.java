package io.dwpilot.models.ml.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows every fingerprint's arrivals in workload time to tell each execution's {@link ArrivalPace}. The trainer
 * replays logged executions through one and the anomaly watcher feeds it live, so both see the same numbers. Keeps
 * the window's timestamps and a count per fingerprint. Not thread-safe: one owner.
 */
public final class PaceTracker {
    /** The window a burst is counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(10);

    private static final class Arrivals {
        private final Instant firstSeen;
        private final Deque<Instant> recent = new ArrayDeque<>();
        private long count;

        Arrivals(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final Map<String, Arrivals> byFingerprint = new HashMap<>();

    /** The pace just before this execution, which is then counted. Executions should come in time order. */
    public ArrivalPace observe(String fingerprint, Instant at) {
        Arrivals a = byFingerprint.computeIfAbsent(fingerprint, f -> new Arrivals(at));
        while (!a.recent.isEmpty() && !a.recent.peekFirst().isAfter(at.minus(WINDOW))) {
            a.recent.pollFirst();
        }
        double windows =
                Math.max(1.0, (double) Duration.between(a.firstSeen, at).toMillis() / WINDOW.toMillis());
        ArrivalPace pace = new ArrivalPace(a.recent.size(), a.count / windows);
        a.recent.addLast(at);
        a.count++;
        return pace;
    }
}
