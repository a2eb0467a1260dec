package io.dwpilot.agents;

import io.dwpilot.agents.RespawnBackoff.Attempts;
import io.dwpilot.agents.anomaly.AnomalyWatcher;
import io.dwpilot.agents.forecaster.Forecaster;
import io.dwpilot.agents.governor.Governor;
import io.dwpilot.agents.indexer.Indexer;
import io.dwpilot.agents.observer.Observer;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.Supervision;
import io.dwpilot.agents.trainer.Trainer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;

/**
 * The agents' guardian: spawns every agent under {@link Supervision} (a failing agent restarts with backoff and its
 * siblings never notice), watches them, and respawns one that stopped under the same name, so it comes back and
 * recovers its state from its journal: at once when an operator asked for the restart, otherwise after a
 * {@link RespawnBackoff}, so that an agent that cannot start does not spin. It tells the current agents (the
 * {@link Roster}) to whoever routes messages to them, at start and after every respawn.
 */
public final class AgentGuardian {
    /** The agents in the order the API lists them. */
    public static final List<String> AGENTS =
            List.of(Observer.NAME, Forecaster.NAME, AnomalyWatcher.NAME, Governor.NAME, Indexer.NAME, Trainer.NAME);

    /** The current incarnation of every agent. */
    public record Roster(
            ActorRef<Observer.Command> observer,
            ActorRef<Forecaster.Command> forecaster,
            ActorRef<AnomalyWatcher.Command> anomalyWatcher,
            ActorRef<Governor.Command> governor,
            ActorRef<Indexer.Command> indexer,
            ActorRef<Trainer.Command> trainer) {
        public Roster {
            Objects.requireNonNull(observer, "observer");
            Objects.requireNonNull(forecaster, "forecaster");
            Objects.requireNonNull(anomalyWatcher, "anomalyWatcher");
            Objects.requireNonNull(governor, "governor");
            Objects.requireNonNull(indexer, "indexer");
            Objects.requireNonNull(trainer, "trainer");
        }

        Optional<ActorRef<?>> byName(String agent) {
            return Optional.ofNullable(
                    switch (agent) {
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

    public sealed interface Command permits GetRoster, Restart, Stop, Respawn {}

    public record GetRoster(ActorRef<Roster> replyTo) implements Command {}

    /** Stops one agent; it is respawned as soon as it stopped and recovers from its journal (an operator's "restart"). */
    public record Restart(String agent, ActorRef<StatusReply<Done>> replyTo) implements Command {}

    /** Stops every agent and the guardian; {@code replyTo} hears once all have stopped. */
    public record Stop(ActorRef<Done> replyTo) implements Command {}

    /** The backoff after an agent stopped on its own is over: spawn it again. */
    private record Respawn(String agent) implements Command {}

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final AgentEnvironment env;
    private final Consumer<Roster> rosterChanged;

    private AgentGuardian(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            AgentEnvironment env,
            Consumer<Roster> rosterChanged) {
        this.context = context;
        this.timers = timers;
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
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<Topic.Command<WorkloadSnapshot>> topic =
                    context.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC), "workload-topic");
            AgentGuardian guardian = new AgentGuardian(context, timers, environment.apply(topic), rosterChanged);
            Roster roster = new Roster(
                    guardian.spawn(Observer.NAME, Observer.create(guardian.env)),
                    guardian.spawn(Forecaster.NAME, Forecaster.create(guardian.env)),
                    guardian.spawn(AnomalyWatcher.NAME, AnomalyWatcher.create(guardian.env)),
                    guardian.spawn(Governor.NAME, Governor.create(guardian.env)),
                    guardian.spawn(Indexer.NAME, Indexer.create(guardian.env)),
                    guardian.spawn(Trainer.NAME, Trainer.create(guardian.env)));
            rosterChanged.accept(roster);
            return guardian.running(roster, Set.of(), Map.of());
        }));
    }

    /**
     * @param requested agents an operator asked to restart, respawned as soon as they have stopped
     * @param attempts  respawns so far of agents that stopped on their own, for the backoff
     */
    private Behavior<Command> running(Roster roster, Set<String> requested, Map<String, Attempts> attempts) {
        return Behaviors.receive(Command.class)
                .onMessage(GetRoster.class, get -> {
                    get.replyTo().tell(roster);
                    return Behaviors.same();
                })
                .onMessage(Restart.class, restart -> {
                    Optional<ActorRef<?>> agent = roster.byName(restart.agent());
                    if (agent.isEmpty()) {
                        restart.replyTo()
                                .tell(StatusReply.error("no agent named '" + restart.agent() + "'; the agents are "
                                        + String.join(", ", AGENTS)));
                    } else if (context.getChild(restart.agent()).isEmpty()) {
                        restart.replyTo().tell(StatusReply.ack()); // stopped already: its respawn is due
                    } else {
                        context.getLog().info("Restarting agent {} on request", restart.agent());
                        context.stop(agent.get()); // Terminated follows: it is respawned there
                        restart.replyTo().tell(StatusReply.ack());
                        return running(roster, plus(requested, restart.agent()), attempts);
                    }
                    return Behaviors.same();
                })
                .onMessage(
                        Stop.class,
                        stop -> Behaviors.stopped(() -> stop.replyTo().tell(Done.getInstance())))
                .onMessage(Respawn.class, respawn -> {
                    Roster respawned = respawn(roster, respawn.agent());
                    rosterChanged.accept(respawned);
                    return running(respawned, requested, attempts);
                })
                .onSignal(Terminated.class, terminated -> {
                    String name = terminated.getRef().path().name();
                    if (requested.contains(name)) {
                        context.getLog().info("Agent {} stopped; spawning it again", name);
                        Roster respawned = respawn(roster, name);
                        rosterChanged.accept(respawned);
                        return running(respawned, minus(requested, name), attempts);
                    }
                    Attempts next =
                            RespawnBackoff.AGENTS.next(attempts.getOrDefault(name, Attempts.NONE), Instant.now());
                    Duration delay = RespawnBackoff.AGENTS.delay(next);
                    context.getLog()
                            .warn(
                                    "Agent {} stopped on its own; spawning it again in {} ms (attempt {})",
                                    name,
                                    delay.toMillis(),
                                    next.count());
                    timers.startSingleTimer(name, new Respawn(name), delay);
                    Map<String, Attempts> counted = new HashMap<>(attempts);
                    counted.put(name, next);
                    return running(roster, requested, Map.copyOf(counted));
                })
                .build();
    }

    private static Set<String> plus(Set<String> names, String name) {
        Set<String> more = new HashSet<>(names);
        more.add(name);
        return Set.copyOf(more);
    }

    private static Set<String> minus(Set<String> names, String name) {
        Set<String> fewer = new HashSet<>(names);
        fewer.remove(name);
        return Set.copyOf(fewer);
    }

    private Roster respawn(Roster roster, String name) {
        return switch (name) {
            case Observer.NAME ->
                new Roster(
                        spawn(name, Observer.create(env)),
                        roster.forecaster(),
                        roster.anomalyWatcher(),
                        roster.governor(),
                        roster.indexer(),
                        roster.trainer());
            case Forecaster.NAME ->
                new Roster(
                        roster.observer(),
                        spawn(name, Forecaster.create(env)),
                        roster.anomalyWatcher(),
                        roster.governor(),
                        roster.indexer(),
                        roster.trainer());
            case AnomalyWatcher.NAME ->
                new Roster(
                        roster.observer(),
                        roster.forecaster(),
                        spawn(name, AnomalyWatcher.create(env)),
                        roster.governor(),
                        roster.indexer(),
                        roster.trainer());
            case Governor.NAME ->
                new Roster(
                        roster.observer(),
                        roster.forecaster(),
                        roster.anomalyWatcher(),
                        spawn(name, Governor.create(env)),
                        roster.indexer(),
                        roster.trainer());
            case Indexer.NAME ->
                new Roster(
                        roster.observer(),
                        roster.forecaster(),
                        roster.anomalyWatcher(),
                        roster.governor(),
                        spawn(name, Indexer.create(env)),
                        roster.trainer());
            case Trainer.NAME ->
                new Roster(
                        roster.observer(),
                        roster.forecaster(),
                        roster.anomalyWatcher(),
                        roster.governor(),
                        roster.indexer(),
                        spawn(name, Trainer.create(env)));
            default -> roster;
        };
    }

    private <T> ActorRef<T> spawn(String name, Behavior<T> agent) {
        ActorRef<T> ref = context.spawn(Supervision.restarting(agent), name);
        context.watch(ref);
        return ref;
    }
}
