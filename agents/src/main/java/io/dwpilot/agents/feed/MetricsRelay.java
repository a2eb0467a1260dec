package io.dwpilot.agents.feed;

import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.JsonSerializable;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * Subscribes to the observer's workload snapshots and passes the newest on once per interval, so the feed carries at
 * most one metric message per interval even when an accelerated clock makes the observer publish faster.
 */
final class MetricsRelay {
    sealed interface Command extends JsonSerializable {}

    record Snapshot(WorkloadSnapshot snapshot) implements Command {}

    enum Tick implements Command {
        INSTANCE
    }

    enum Stop implements Command {
        INSTANCE
    }

    private MetricsRelay() {}

    static Behavior<Command> create(
            ActorRef<Topic.Command<WorkloadSnapshot>> topic, Duration interval, Consumer<WorkloadSnapshot> publish) {
        return Behaviors.setup(context -> {
            topic.tell(Topic.subscribe(context.messageAdapter(WorkloadSnapshot.class, Snapshot::new)));
            return Behaviors.withTimers(timers -> {
                timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
                return relaying(Optional.empty(), publish);
            });
        });
    }

    /** {@code pending}: the newest snapshot not passed on yet. */
    private static Behavior<Command> relaying(Optional<WorkloadSnapshot> pending, Consumer<WorkloadSnapshot> publish) {
        return Behaviors.receive(Command.class)
                .onMessage(Snapshot.class, s -> relaying(Optional.of(s.snapshot()), publish))
                .onMessageEquals(Tick.INSTANCE, () -> {
                    pending.ifPresent(publish);
                    return relaying(Optional.empty(), publish);
                })
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .build();
    }
}
