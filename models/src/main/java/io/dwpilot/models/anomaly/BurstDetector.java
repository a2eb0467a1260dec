package io.dwpilot.models.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * Flags a burst of failures: more than {@code maxFailures} failures within a sliding window of {@code window}
 * (a failure at time t is in the window at time {@code now} when {@code now - window < t <= now}).
 *
 * <p>Once per burst: after an alert the detector stays silent until the window clears, i.e. until a failure
 * arrives when no earlier failure is left in its window (a full window passed without failures). A long, sustained
 * failure storm therefore raises one alert; watch {@link #inBurst(Instant)} to see whether it is still going on.
 *
 * <p>Time is given by the caller. A time earlier than the latest seen is treated as the latest (clocks may jitter).
 * Memory is bounded by {@code maxFailures + 1} timestamps. Not thread-safe; keep one per stream (per fingerprint,
 * per user, ...).
 */
public final class BurstDetector {

    /** An alert: failures counted in the window when it fired and the span they cover. */
    public record Burst(Instant firstFailure, Instant detectedAt, int failures) {}

    private final int maxFailures;
    private final Duration window;
    private final ArrayDeque<Instant> recent = new ArrayDeque<>();
    private Instant latest;
    private boolean alerted;

    public BurstDetector(int maxFailures, Duration window) {
        if (maxFailures < 0) {
            throw new IllegalArgumentException("maxFailures must be >= 0, was " + maxFailures);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Records one failure at {@code at}; returns the burst if this failure starts one. */
    public Optional<Burst> recordFailure(Instant at) {
        Objects.requireNonNull(at, "at");
        Instant now = latest != null && at.isBefore(latest) ? latest : at;
        latest = now;
        evict(now);
        if (recent.isEmpty()) {
            alerted = false; // the window cleared: the next burst may alert again
        }
        recent.addLast(now);
        int count = recent.size();
        // Keep at most maxFailures + 1 timestamps: that is all the rule "more than maxFailures" needs.
        if (recent.size() > maxFailures + 1) {
            recent.removeFirst();
        }
        if (!alerted && count > maxFailures) {
            alerted = true;
            return Optional.of(new Burst(recent.peekFirst(), now, count));
        }
        return Optional.empty();
    }

    /** Whether an alerted burst still has failures in the window at {@code now}. */
    public boolean inBurst(Instant now) {
        Objects.requireNonNull(now, "now");
        return alerted && latest != null && now.isBefore(latest.plus(window));
    }

    /** Failures (up to {@code maxFailures + 1}) in the window at {@code now}. */
    public int failuresInWindow(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant cutoff = now.minus(window);
        return (int) recent.stream()
                .filter(t -> t.isAfter(cutoff) && !t.isAfter(now))
                .count();
    }

    private void evict(Instant now) {
        Instant cutoff = now.minus(window);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }
}
