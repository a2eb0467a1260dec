package io.dwpilot.agents.runtime;

import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** How the guardian keeps agents alive: a failing agent restarts with backoff and never takes its siblings down. */
public final class Supervision {
    /** Backoff of agent restarts: 200 ms doubling to 30 s, with jitter, counters reset after a quiet minute. */
    public static final SupervisorStrategy STRATEGY = SupervisorStrategy.restartWithBackoff(
                    Duration.ofMillis(200), Duration.ofSeconds(30), 0.2)
            .withResetBackoffAfter(Duration.ofMinutes(1));

    private Supervision() {}

    /** {@code behavior}, restarted with backoff on any exception. */
    public static <T> Behavior<T> restarting(Behavior<T> behavior) {
        return Behaviors.supervise(behavior).onFailure(Exception.class, STRATEGY);
    }
}
