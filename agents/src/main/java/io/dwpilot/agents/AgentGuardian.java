package io.dwpilot.agents;

import io.dwpilot.agents.anomaly.AnomalyWatcher;
import io.dwpilot.agents.forecaster.Forecaster;
import io.dwpilot.agents.governor.Governor;
import io.dwpilot.agents.indexer.Indexer;
import io.dwpilot.agents.observer.Observer;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.Supervision;
import io.dwpilot.agents.trainer.Trainer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;

/**
 * The agents' guardian: spawns every agent under {@link Supervision} (a failing agent restarts with backoff and its
 * siblings never notice), watches them, and respawns one that stopped under the same name, so it comes back and
 * recovers its state from its journal. It tells the current agents (the {@link Roster}) to whoever routes messages
 * to them, at start and after every respawn.
 */
public final class AgentGuardian {
    /** The agents in the order the API lists them. */
    public static final List<String> AGENTS =
            List.of(Observer.NAME, Forecaster.NAME, AnomalyWatcher.NAME, Governor.NAME, Indexer.NAME, Trainer.NAME);

    /** The current incarnation of every agent. */
    public record Roster(ActorRef<Observer.Command> observer, ActorRef<Forecaster.Command> forecaster,
                         ActorRef<AnomalyWatcher.Command> anomalyWatcher, ActorRef<Governor.Command> governor,
                         ActorRef<Indexer.Command> indexer, ActorRef<Trainer.Command> trainer) {
        public Roster {
            Objects.requireNonNull(observer, "observer");
            Objects.requireNonNull(forecaster, "forecaster");
            Objects.requireNonNull(anomalyWatcher, "anomalyWatcher");
            Objects.requireNonNull(governor, "governor");
            Objects.requireNonNull(indexer, "indexer");
            Objects.requireNonNull(trainer, "trainer");
        }

        Optional<ActorRef<?>> byName(String agent) {
            return Optional.ofNullable(switch (agent) {
                case Observer.NAME -> observer;
                case Forecaster.NAME -> forecaster;
                case AnomalyWatcher.NAME -> anomalyWatcher;
                case Governor.NAME -> governor;
                case Indexer.NAME -> indexer;
                case Trainer.NAME -> trainer;
                default -> null;
            });
        }
    }

    public sealed interface Command permits GetRoster, Restart, Stop {
    }

    public record GetRoster(ActorRef<Roster> replyTo) implements Command {
    }

    /** Stops one agent; it is respawned at once and recovers from its journal (an operator's "restart"). */
    public record Restart(String agent, ActorRef<StatusReply<Done>> replyTo) implements Command {
    }

    /** Stops every agent and the guardian. */
    public enum Stop implements Command { INSTANCE }

    private final ActorContext<Command> context;
    private final AgentEnvironment env;
    private final Consumer<Roster> rosterChanged;

    private AgentGuardian(ActorContext<Command> context, AgentEnvironment env, Consumer<Roster> rosterChanged) {
        this.context = context;
        this.env = env;
        this.rosterChanged = rosterChanged;
    }

    /**
     * @param environment   builds the agents' environment around the workload topic the guardian spawns
     * @param rosterChanged told the roster after the start and after every respawn
     */
    public static Behavior<Command> create(
            Function<ActorRef<Topic.Command<WorkloadSnapshot>>, AgentEnvironment> environment,
            Consumer<Roster> rosterChanged) {
        return Behaviors.setup(context -> {
            ActorRef<Topic.Command<WorkloadSnapshot>> topic =
                    context.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC), "workload-topic");
            AgentGuardian guardian = new AgentGuardian(context, environment.apply(topic), rosterChanged);
            Roster roster = new Roster(guardian.spawn(Observer.NAME, Observer.create(guardian.env)),
                    guardian.spawn(Forecaster.NAME, Forecaster.create(guardian.env)),
                    guardian.spawn(AnomalyWatcher.NAME, AnomalyWatcher.create(guardian.env)),
                    guardian.spawn(Governor.NAME, Governor.create(guardian.env)),
                    guardian.spawn(Indexer.NAME, Indexer.create(guardian.env)),
                    guardian.spawn(Trainer.NAME, Trainer.create(guardian.env)));
            rosterChanged.accept(roster);
            return guardian.running(roster);
        });
    }

    private Behavior<Command> running(Roster roster) {
        return Behaviors.receive(Command.class)
                .onMessage(GetRoster.class, get -> {
                    get.replyTo().tell(roster);
                    return Behaviors.same();
                })
                .onMessage(Restart.class, restart -> {
                    Optional<ActorRef<?>> agent = roster.byName(restart.agent());
                    if (agent.isEmpty()) {
                        restart.replyTo().tell(StatusReply.error("no agent named '" + restart.agent()
                                + "'; the agents are " + String.join(", ", AGENTS)));
                    } else {
                        context.getLog().info("Restarting agent {} on request", restart.agent());
                        context.stop(agent.get()); // Terminated follows: it is respawned there
                        restart.replyTo().tell(StatusReply.ack());
                    }
                    return Behaviors.same();
                })
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onSignal(Terminated.class, terminated -> {
                    Roster respawned = respawn(roster, terminated.getRef());
                    rosterChanged.accept(respawned);
                    return running(respawned);
                })
                .build();
    }

    private Roster respawn(Roster roster, ActorRef<Void> stopped) {
        String name = stopped.path().name();
        context.getLog().info("Agent {} stopped; spawning it again", name);
        return switch (name) {
            case Observer.NAME -> new Roster(spawn(name, Observer.create(env)), roster.forecaster(),
                    roster.anomalyWatcher(), roster.governor(), roster.indexer(), roster.trainer());
            case Forecaster.NAME -> new Roster(roster.observer(), spawn(name, Forecaster.create(env)),
                    roster.anomalyWatcher(), roster.governor(), roster.indexer(), roster.trainer());
            case AnomalyWatcher.NAME -> new Roster(roster.observer(), roster.forecaster(),
                    spawn(name, AnomalyWatcher.create(env)), roster.governor(), roster.indexer(), roster.trainer());
            case Governor.NAME -> new Roster(roster.observer(), roster.forecaster(), roster.anomalyWatcher(),
                    spawn(name, Governor.create(env)), roster.indexer(), roster.trainer());
            case Indexer.NAME -> new Roster(roster.observer(), roster.forecaster(), roster.anomalyWatcher(),
                    roster.governor(), spawn(name, Indexer.create(env)), roster.trainer());
            case Trainer.NAME -> new Roster(roster.observer(), roster.forecaster(), roster.anomalyWatcher(),
                    roster.governor(), roster.indexer(), spawn(name, Trainer.create(env)));
            default -> roster;
        };
    }

    private <T> ActorRef<T> spawn(String name, Behavior<T> agent) {
        ActorRef<T> ref = context.spawn(Supervision.restarting(agent), name);
        context.watch(ref);
        return ref;
    }
}
