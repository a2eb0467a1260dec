package io.dwpilot.agents.runtime;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/** What every event-sourced agent does when the journal fails to persist: restart with backoff, and replay. */
public final class PersistFailure {
    /** 200 ms doubling to 5 s, with jitter: a journal that is briefly away is waited out, not hammered. */
    public static final BackoffSupervisorStrategy BACKOFF =
            SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1);

    private PersistFailure() {}
}
