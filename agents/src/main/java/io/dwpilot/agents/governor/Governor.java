package io.dwpilot.agents.governor;

import io.dwpilot.agents.governor.GovernorPolicy.Evaluation;
import io.dwpilot.agents.governor.GovernorPolicy.ForecastPeak;
import io.dwpilot.agents.governor.GovernorPolicy.Holds;
import io.dwpilot.agents.governor.GovernorPolicy.Numbers;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.BlockingWork;
import io.dwpilot.agents.runtime.Cadence;
import io.dwpilot.agents.runtime.DecisionKind;
import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.agents.runtime.PersistFailure;
import io.dwpilot.gateway.GatewayControls;
import io.dwpilot.gateway.Limits;
import io.dwpilot.persistence.observations.ForecastRepository;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The resource governor: steers the gateway's lane limits, query pool size and heavy statements' work_mem (its
 * {@link GatewayControls}) by the observed demand and the arrivals forecast, with {@link GovernorPolicy}'s rule.
 *
 * <p>Two actors share the work so that everything either lives in a state record or in the journal: this
 * event-sourced one holds what was decided ({@link LimitsChanged} events, re-applied to the gateway once after
 * recovery, so a restart keeps the governor's limits); its child, the evaluator, holds what is merely being watched
 * (the latest workload snapshot, when it last evaluated, each lane's hysteresis hold) and proposes changes. An evaluation
 * that keeps the limits persists nothing.
 */
public final class Governor
        extends EventSourcedBehaviorWithEnforcedReplies<Governor.Command, Governor.Event, Governor.State> {
    public static final String NAME = "governor";
    static final int SNAPSHOT_EVERY = 100;
    static final String FORECAST_TARGET = "total";

    // ---- protocol -------------------------------------------------------------------------------------------

    /** The governor's protocol: what others may send it. */
    public sealed interface Command extends JsonSerializable
            permits Observe, GetStatus, GetLimits, EvaluateNow, Internal {}

    /** What passes between the governor, its timer and its evaluator; not for others. */
    sealed interface Internal extends Command permits Tick, Decide, ForecastRead {}

    /** A workload snapshot from the observer's topic (the governor's message adapter wraps them). */
    public record Observe(WorkloadSnapshot snapshot) implements Command {}

    /** The wall-clock tick on which the evaluator asks its cadence whether an evaluation is due. */
    record Tick() implements Internal {}

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {}

    /** The limits the governor last set (the gateway's current ones before its first decision). */
    public record GetLimits(ActorRef<Limits> replyTo) implements Command {}

    /** Evaluates at once, whatever the cadence; replies after a resulting change was persisted and applied. */
    public record EvaluateNow(ActorRef<Evaluation> replyTo) implements Command {}

    /** The evaluator proposes a change; persisted only if it still starts from the gateway's current limits. */
    record Decide(Evaluation evaluation, Optional<ActorRef<Evaluation>> replyTo) implements Internal {}

    /** The evaluator's forecast lookup came back (empty without a usable forecast). */
    record ForecastRead(Instant at, Optional<ForecastPeaks> peaks, Optional<ActorRef<Evaluation>> replyTo)
            implements Internal {}

    /** The forecast's peaks within the lookahead and within the time a lowered limit stays. */
    record ForecastPeaks(Optional<ForecastPeak> ahead, Optional<ForecastPeak> hold) {}

    // ---- events ---------------------------------------------------------------------------------------------

    public sealed interface Event extends AgentDecision permits LimitsChanged {}

    /** The governor changed the gateway's limits, with the reason and the numbers it decided on. */
    public record LimitsChanged(String agent, Instant at, Limits from, Limits to, String reason, Numbers numbers)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.LIMITS_CHANGED;
        }

        @Override
        public String summary() {
            return reason;
        }
    }

    // ---- state ----------------------------------------------------------------------------------------------

    /** The limits last decided (empty before the first decision), how many changes, and the last one's summary. */
    public record State(
            Optional<Limits> limits, long changes, Optional<String> lastDecision, Optional<Instant> lastDecisionAt)
            implements JsonSerializable {
        public static State initial() {
            return new State(Optional.empty(), 0, Optional.empty(), Optional.empty());
        }

        State apply(LimitsChanged event) {
            return new State(
                    Optional.of(event.to()), changes + 1, Optional.of(event.summary()), Optional.of(event.at()));
        }
    }

    /** The evaluator's own state: nothing of it needs to survive a restart (the holds start over: after a restart a lane may change again at once, and a low period is watched anew). */
    record Watch(
            Optional<WorkloadSnapshot> latest, Optional<Instant> lastEvaluatedAt, Holds holds, boolean evaluating) {
        static Watch initial() {
            return new Watch(Optional.empty(), Optional.empty(), Holds.NONE, false);
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final GatewayControls controls;
    private final ActorRef<Command> evaluator;

    private Governor(ActorContext<Command> context, GatewayControls controls, ActorRef<Command> evaluator) {
        super(PersistenceId.of("Governor", NAME), PersistFailure.BACKOFF);
        this.context = context;
        this.controls = controls;
        this.evaluator = evaluator;
    }

    public static Behavior<Command> create(AgentEnvironment env) {
        return create(env, env.gateway(), GovernorSettings.fromConfig(env.settings(NAME)));
    }

    public static Behavior<Command> create(AgentEnvironment env, GatewayControls controls, GovernorSettings settings) {
        Objects.requireNonNull(controls, "controls");
        Objects.requireNonNull(settings, "settings");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<WorkloadSnapshot> snapshots = context.messageAdapter(WorkloadSnapshot.class, Observe::new);
            env.workloadTopic().tell(Topic.subscribe(snapshots));
            timers.startTimerWithFixedDelay(new Tick(), settings.tick());
            ActorRef<Command> evaluator =
                    context.spawn(Evaluator.create(env, controls, settings, context.getSelf()), "evaluator");
            return journaled(controls, evaluator);
        }));
    }

    /** The journaled decisions alone, leaving watching and evaluating to {@code evaluator}. */
    static Behavior<Command> journaled(GatewayControls controls, ActorRef<Command> evaluator) {
        return Behaviors.setup(context -> new Governor(context, controls, evaluator));
    }

    @Override
    public State emptyState() {
        return State.initial();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Decide.class, this::onDecide)
                .onCommand(
                        GetLimits.class,
                        (state, cmd) ->
                                Effect().reply(cmd.replyTo(), state.limits().orElseGet(controls::current)))
                .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), status(state)))
                .onAnyCommand(cmd -> {
                    evaluator.tell(cmd);
                    return Effect().noReply();
                });
    }

    private ReplyEffect<Event, State> onDecide(State state, Decide cmd) {
        Evaluation evaluation = cmd.evaluation();
        Limits now = controls.current();
        if (!evaluation.changed() || !evaluation.from().equals(now)) {
            // Made before recovery re-applied the journaled limits: the next evaluation starts from the right ones.
            context.getLog().debug("Dropping a proposal made from {} while the gateway has {}", evaluation.from(), now);
            cmd.replyTo()
                    .ifPresent(r -> r.tell(new Evaluation(
                            evaluation.at(),
                            now,
                            now,
                            evaluation.holds(),
                            "not applied: the gateway's limits changed meanwhile",
                            evaluation.numbers())));
            return Effect().noReply();
        }
        LimitsChanged event = new LimitsChanged(
                NAME, evaluation.at(), evaluation.from(), evaluation.to(), evaluation.reason(), evaluation.numbers());
        return Effect()
                .persist(event)
                .thenRun(updated -> {
                    controls.apply(event.to());
                    context.getLog().info("Governor: {}", event.summary());
                    cmd.replyTo().ifPresent(r -> r.tell(evaluation));
                })
                .thenNoReply();
    }

    private AgentStatus status(State state) {
        String words = state.limits().map(l -> "steering: " + l).orElseGet(() -> "watching: " + controls.current());
        return new AgentStatus(
                NAME, words, state.lastDecision(), state.lastDecisionAt(), Map.of("limit_changes", state.changes()));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(LimitsChanged.class, State::apply)
                .build();
    }

    /** After a restart the gateway gets the governor's last limits back, once. */
    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> state.limits().ifPresent(this::reapply))
                .build();
    }

    private void reapply(Limits limits) {
        try {
            controls.apply(limits);
        } catch (IllegalArgumentException e) {
            // The bounds were narrowed in the configuration since; the next evaluation brings the limits within.
            context.getLog().warn("Not re-applying the journaled limits: {}", e.getMessage());
        }
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return AgentDecision.tags(NAME);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
    }

    // ---- evaluator ------------------------------------------------------------------------------------------

    /** Watches snapshots and the clock, reads the forecast off the actor's thread, and runs the policy. */
    private static final class Evaluator {
        private final AgentEnvironment env;
        private final GatewayControls controls;
        private final GovernorSettings settings;
        private final GovernorPolicy policy;
        private final Cadence cadence;
        private final ForecastRepository forecasts;
        private final ActorRef<Command> governor;
        private final ActorContext<Command> context;

        private Evaluator(
                ActorContext<Command> context,
                AgentEnvironment env,
                GatewayControls controls,
                GovernorSettings settings,
                ActorRef<Command> governor) {
            this.context = context;
            this.env = env;
            this.controls = controls;
            this.settings = settings;
            this.policy = new GovernorPolicy(settings);
            this.cadence = new Cadence(settings.interval());
            this.forecasts = new ForecastRepository(env.database().systemPool());
            this.governor = governor;
        }

        static Behavior<Command> create(
                AgentEnvironment env, GatewayControls controls, GovernorSettings settings, ActorRef<Command> governor) {
            return Behaviors.setup(
                    context -> new Evaluator(context, env, controls, settings, governor).watching(Watch.initial()));
        }

        private Behavior<Command> watching(Watch watch) {
            return Behaviors.receive(Command.class)
                    .onMessage(
                            Observe.class,
                            cmd -> watching(new Watch(
                                    Optional.of(cmd.snapshot()),
                                    watch.lastEvaluatedAt(),
                                    watch.holds(),
                                    watch.evaluating())))
                    .onMessage(Tick.class, cmd -> {
                        Instant now = env.clock().instant();
                        if (watch.evaluating() || !cadence.due(watch.lastEvaluatedAt(), now)) {
                            return Behaviors.same();
                        }
                        return evaluate(watch, now, Optional.empty());
                    })
                    .onMessage(
                            EvaluateNow.class,
                            cmd -> evaluate(watch, env.clock().instant(), Optional.of(cmd.replyTo())))
                    .onMessage(ForecastRead.class, read -> decide(watch, read))
                    .build();
        }

        /** Reads the latest total forecast on the blocking executor; the policy runs when it is back. */
        private Behavior<Command> evaluate(Watch watch, Instant now, Optional<ActorRef<Evaluation>> replyTo) {
            BlockingWork.pipeToSelf(
                    context,
                    env.blocking(),
                    () -> latestPeaks(now),
                    peaks -> new ForecastRead(now, peaks, replyTo),
                    failure -> {
                        context.getLog().warn("Planning without a forecast: {}", failure.toString());
                        return new ForecastRead(now, Optional.empty(), replyTo);
                    });
            return watching(new Watch(watch.latest(), Optional.of(now), watch.holds(), true));
        }

        private Optional<ForecastPeaks> latestPeaks(Instant now) throws SQLException {
            return forecasts
                    .latest(FORECAST_TARGET)
                    .map(forecast -> new ForecastPeaks(
                            GovernorPolicy.peakOf(forecast, now, settings.lookahead()),
                            GovernorPolicy.peakOf(forecast, now, settings.lowerAfter())));
        }

        private Behavior<Command> decide(Watch watch, ForecastRead read) {
            long arrivals =
                    watch.latest().map(WorkloadSnapshot::arrivalsLast5Minutes).orElse(0L);
            Evaluation evaluation = policy.evaluate(
                    new GovernorPolicy.Inputs(
                            read.at(),
                            controls.takeDemand(),
                            arrivals,
                            read.peaks().flatMap(ForecastPeaks::ahead),
                            read.peaks().flatMap(ForecastPeaks::hold)),
                    controls.current(),
                    watch.holds(),
                    controls.bounds());
            if (evaluation.changed()) {
                governor.tell(new Decide(evaluation, read.replyTo()));
            } else {
                read.replyTo().ifPresent(r -> r.tell(evaluation));
            }
            return watching(new Watch(watch.latest(), watch.lastEvaluatedAt(), evaluation.holds(), false));
        }
    }
}
