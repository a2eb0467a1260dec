package io.dwpilot.agents;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the guardian waits before it spawns an agent again that stopped on its own (say its journal could not be
 * read at recovery): doubling from {@code min} to {@code max} with jitter, so an agent that cannot start retries
 * ever more slowly instead of in a tight loop; an agent that stayed up for {@code resetAfter} starts again from
 * {@code min}.
 */
record RespawnBackoff(Duration min, Duration max, double randomFactor, Duration resetAfter) {
    /** 200 ms doubling to 30 s, with 20 % jitter, reset after a quiet minute: the agents' restart backoff. */
    static final RespawnBackoff AGENTS =
            new RespawnBackoff(Duration.ofMillis(200), Duration.ofSeconds(30), 0.2, Duration.ofMinutes(1));

    /** One agent's respawns so far: how many in a row, and when the latest was. */
    record Attempts(int count, Instant last) {
        static final Attempts NONE = new Attempts(0, Instant.EPOCH);
    }

    /** The attempts after one more respawn at {@code now}; a long quiet spell starts the count again. */
    Attempts next(Attempts previous, Instant now) {
        boolean quiet = Duration.between(previous.last(), now).compareTo(resetAfter) >= 0;
        return new Attempts(quiet ? 1 : previous.count() + 1, now);
    }

    /** The wait before respawn number {@code attempts.count()} (1 waits {@code min}). */
    Duration delay(Attempts attempts) {
        int doublings = Math.min(Math.max(attempts.count() - 1, 0), 30);
        long base = Math.min(max.toMillis(), min.toMillis() << doublings);
        double jitter = 1.0 + ThreadLocalRandom.current().nextDouble() * randomFactor;
        return Duration.ofMillis(Math.min(max.toMillis(), (long) (base * jitter)));
    }
}
