package io.dwpilot.agents.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dwpilot.agents.learning.TrainingOutcome;
import io.dwpilot.agents.learning.TrainingPipeline;
import io.dwpilot.agents.learning.TrainingProgress;
import io.dwpilot.agents.learning.TrainingSettings;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.BlockingWork;
import io.dwpilot.agents.runtime.Cadence;
import io.dwpilot.agents.runtime.DecisionKind;
import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.agents.runtime.PersistFailure;
import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.ml.cost.LearnedCostModel;
import io.dwpilot.persistence.ml.Accuracy;
import io.dwpilot.persistence.ml.ModelVersion;
import io.dwpilot.persistence.ml.OnlineAccuracy;
import io.dwpilot.persistence.ml.TrainingData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model trainer: keeps the learned models current. On its cadence it asks the {@link RetrainPolicy} whether the
 * cost model drifted (online q-error), enough new executions arrived, or the schedule is due, and then runs the
 * {@link TrainingPipeline}, which activates a new version only when it beats the active one on the same test set.
 * It journals why it retrained ({@link RetrainingStarted}) and each model's outcome with the deciding numbers
 * ({@link ModelTrained}); both reach the live feed as {@code model} messages.
 *
 * <p>As in the governor, the journaled decisions live here and the work in flight in a child, the worker, which
 * reads the database and trains off the actor's thread.
 */
public final class Trainer
        extends EventSourcedBehaviorWithEnforcedReplies<Trainer.Command, Trainer.Event, Trainer.State> {
    public static final String NAME = "trainer";
    private static final Logger PROGRESS = LoggerFactory.getLogger(Trainer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int SNAPSHOT_EVERY = 100;

    // ---- protocol -------------------------------------------------------------------------------------------

    /** The trainer's protocol: what others may send it. */
    public sealed interface Command extends JsonSerializable permits TrainNow, GetStatus, Internal {}

    /** What the trainer hears from its timer and its worker; not for others. */
    sealed interface Internal extends Command permits Tick, Started, Finished {}

    /** The wall-clock tick on which the worker asks its cadence whether a check is due. */
    record Tick() implements Internal {}

    /** Trains the named models ({@code cost}, {@code forecast}, ...; all when empty) now; replies once it started. */
    public record TrainNow(List<String> models, String by, ActorRef<StatusReply<String>> replyTo) implements Command {}

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {}

    /** From the worker: training started for this reason. */
    record Started(RetrainingStarted event) implements Internal {}

    /** From the worker: the outcomes of one training. */
    record Finished(List<ModelTrained> events) implements Internal {}

    /** The worker's protocol, apart from the trainer's: nobody else talks to the worker. */
    sealed interface WorkerMessage permits Check, CheckDone, Trained {}

    /** To the worker: check whether to retrain, knowing when the last training started. */
    record Check(Optional<Instant> lastTrainedAt, Optional<TrainNow> request) implements WorkerMessage {}

    /** The worker's own: what the check read. */
    private record CheckDone(Instant at, Optional<RetrainPolicy.Decision> decision, Optional<String> failure)
            implements WorkerMessage {}

    /** The worker's own: the pipeline came back. */
    private record Trained(Trigger trigger, List<TrainingOutcome> outcomes, Optional<String> failure)
            implements WorkerMessage {}

    // ---- events ---------------------------------------------------------------------------------------------

    public sealed interface Event extends AgentDecision permits RetrainingStarted, ModelTrained {
        @Override
        default String channel() {
            return "model";
        }
    }

    /** The trainer decided to retrain these models, for this reason. */
    public record RetrainingStarted(String agent, Instant at, Trigger trigger, String reason, List<String> models)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.RETRAINING_STARTED;
        }

        @Override
        public String summary() {
            return "Retraining " + String.join(", ", models) + " (" + trigger.id() + "): " + reason;
        }
    }

    /**
     * One model's training came to {@code status} (activated, rejected or failed); {@code numbers} are the test
     * metrics that decided.
     */
    public record ModelTrained(
            String agent,
            Instant at,
            String model,
            Trigger trigger,
            TrainingOutcome.Status status,
            Optional<Integer> version,
            String reason,
            Map<String, Double> numbers)
            implements Event {
        @Override
        public DecisionKind kind() {
            return switch (status) {
                case ACTIVATED -> DecisionKind.MODEL_ACTIVATED;
                case REJECTED -> DecisionKind.MODEL_REJECTED;
                case FAILED -> DecisionKind.TRAINING_FAILED;
            };
        }

        @Override
        public String summary() {
            return model + version.map(v -> " v" + v).orElse("") + " " + status + ": " + reason;
        }
    }

    // ---- state ----------------------------------------------------------------------------------------------

    public record State(
            Optional<Instant> lastTrainedAt,
            long trainings,
            long activations,
            Optional<String> lastDecision,
            Optional<Instant> lastDecisionAt)
            implements JsonSerializable {
        static State initial() {
            return new State(Optional.empty(), 0, 0, Optional.empty(), Optional.empty());
        }

        State apply(Event event) {
            if (event instanceof RetrainingStarted started) {
                return new State(
                        Optional.of(started.at()),
                        trainings + 1,
                        activations,
                        Optional.of(event.summary()),
                        Optional.of(event.at()));
            }
            ModelTrained trained = (ModelTrained) event;
            return new State(
                    lastTrainedAt,
                    trainings,
                    activations + (trained.status() == TrainingOutcome.Status.ACTIVATED ? 1 : 0),
                    Optional.of(event.summary()),
                    Optional.of(event.at()));
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final ActorRef<WorkerMessage> worker;

    private Trainer(ActorContext<Command> context, ActorRef<WorkerMessage> worker) {
        super(PersistenceId.of("Trainer", NAME), PersistFailure.BACKOFF);
        this.context = context;
        this.worker = worker;
    }

    public static Behavior<Command> create(AgentEnvironment env) {
        return create(env, TrainerSettings.fromConfig(env.settings(NAME)));
    }

    public static Behavior<Command> create(AgentEnvironment env, TrainerSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new Tick(), settings.tick());
            return journaled(context.spawn(Worker.create(env, settings, context.getSelf()), "worker"));
        }));
    }

    /** The journaled decisions alone, leaving checks and training to {@code worker}. */
    static Behavior<Command> journaled(ActorRef<WorkerMessage> worker) {
        return Behaviors.setup(context -> new Trainer(context, worker));
    }

    @Override
    public State emptyState() {
        return State.initial();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Tick.class, (state, cmd) -> {
                    worker.tell(new Check(state.lastTrainedAt(), Optional.empty()));
                    return Effect().noReply();
                })
                .onCommand(TrainNow.class, (state, cmd) -> {
                    worker.tell(new Check(state.lastTrainedAt(), Optional.of(cmd)));
                    return Effect().noReply();
                })
                .onCommand(
                        Started.class,
                        (state, cmd) -> Effect()
                                .persist(cmd.event())
                                .thenRun(s -> context.getLog()
                                        .info("Trainer: {}", cmd.event().summary()))
                                .thenNoReply())
                .onCommand(
                        Finished.class,
                        (state, cmd) -> Effect()
                                .persist(new ArrayList<>(cmd.events()))
                                .thenRun(s -> cmd.events()
                                        .forEach(e -> context.getLog().info("Trainer: {}", e.summary())))
                                .thenNoReply())
                .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), status(state)))
                .build();
    }

    private static AgentStatus status(State state) {
        String words =
                state.lastTrainedAt().map(at -> "watching: last trained " + at).orElse("watching: not trained yet");
        return new AgentStatus(
                NAME,
                words,
                state.lastDecision(),
                state.lastDecisionAt(),
                Map.of("trainings", state.trainings(), "activations", state.activations()));
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return AgentDecision.tags(NAME);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
    }

    // ---- worker ---------------------------------------------------------------------------------------------

    /** Checks the policy and trains, one thing at a time, on the blocking executor. */
    private static final class Worker {
        private final ActorContext<WorkerMessage> context;
        private final AgentEnvironment env;
        private final TrainerSettings settings;
        private final RetrainPolicy policy;
        private final Cadence cadence;
        private final TrainingData data;
        private final OnlineAccuracy accuracy;
        private final TrainingPipeline pipeline;
        private final ActorRef<Command> trainer;

        private Worker(
                ActorContext<WorkerMessage> context,
                AgentEnvironment env,
                TrainerSettings settings,
                ActorRef<Command> trainer) {
            this.context = context;
            this.env = env;
            this.settings = settings;
            this.policy = new RetrainPolicy(settings);
            this.cadence = new Cadence(settings.checkInterval());
            this.data = new TrainingData(env.database().systemPool());
            this.accuracy = new OnlineAccuracy(env.database().systemPool());
            this.pipeline = new TrainingPipeline(
                    env.database().systemPool(),
                    env.gateway().models(),
                    TrainingSettings.defaults(settings.lookback()));
            this.trainer = trainer;
        }

        static Behavior<WorkerMessage> create(
                AgentEnvironment env, TrainerSettings settings, ActorRef<Command> trainer) {
            return Behaviors.setup(context -> new Worker(context, env, settings, trainer).idle(Optional.empty()));
        }

        private Behavior<WorkerMessage> idle(Optional<Instant> lastCheckedAt) {
            return Behaviors.receive(WorkerMessage.class)
                    .onMessage(Check.class, check -> {
                        Instant now = env.clock().instant();
                        if (check.request().isPresent()) {
                            TrainNow request = check.request().get();
                            List<String> models = request.models().isEmpty() ? settings.models() : request.models();
                            request.replyTo()
                                    .tell(StatusReply.success("training " + String.join(", ", models)
                                            + "; outcomes follow on the live feed and in the decision log"));
                            return train(now, models, Trigger.MANUAL, "requested by " + request.by());
                        }
                        if (!cadence.due(lastCheckedAt, now)) {
                            return Behaviors.same();
                        }
                        BlockingWork.pipeToSelf(
                                context,
                                env.blocking(),
                                () -> decide(now, check.lastTrainedAt()),
                                decision -> new CheckDone(now, decision, Optional.empty()),
                                failure -> new CheckDone(now, Optional.empty(), Optional.of(failure.toString())));
                        return checking(now);
                    })
                    .build();
        }

        private Behavior<WorkerMessage> checking(Instant checkedAt) {
            return Behaviors.receive(WorkerMessage.class)
                    .onMessage(CheckDone.class, done -> {
                        done.failure().ifPresent(f -> context.getLog().warn("Trainer check failed: {}", f));
                        return done.decision()
                                .map(d -> train(done.at(), modelsFor(d.trigger()), d.trigger(), d.reason()))
                                .orElseGet(() -> idle(Optional.of(checkedAt)));
                    })
                    .onMessage(Check.class, check -> {
                        check.request().ifPresent(r -> r.replyTo().tell(StatusReply.error("busy: a check is running")));
                        return Behaviors.same();
                    })
                    .build();
        }

        /** Drift is the cost model's: it and the anomaly detector, which reads its residuals, are retrained. */
        private List<String> modelsFor(Trigger trigger) {
            if (trigger != Trigger.DRIFT) {
                return settings.models();
            }
            return settings.models().stream()
                    .filter(m -> ModelKind.named(m)
                            .filter(k -> k == ModelKind.COST || k == ModelKind.ANOMALY)
                            .isPresent())
                    .toList();
        }

        /** The median q-error the version had on its own test set, from its registered metrics (NaN if absent). */
        private static double testQErrorMedian(ModelVersion version) {
            try {
                return JSON.readTree(version.metricsJson())
                        .path("test")
                        .path("mlp")
                        .path("q_error_median")
                        .asDouble(Double.NaN);
            } catch (JsonProcessingException e) {
                return Double.NaN;
            }
        }

        private Optional<RetrainPolicy.Decision> decide(Instant now, Optional<Instant> lastTrainedAt)
                throws SQLException {
            long fresh =
                    lastTrainedAt.isPresent() ? data.countSince(lastTrainedAt.get()) : data.countSince(Instant.EPOCH);
            Optional<RetrainPolicy.OnlineError> error = Optional.empty();
            Optional<ActiveModels.Serving<LearnedCostModel>> cost =
                    env.gateway().models().get(ModelKind.COST);
            if (cost.isPresent()) {
                Accuracy a = accuracy.costPredictions(now.minus(settings.driftWindow()), now);
                error = Optional.of(new RetrainPolicy.OnlineError(
                        a.n(), a.qErrorMedian(), testQErrorMedian(cost.get().version())));
            }
            return policy.decide(new RetrainPolicy.Inputs(now, lastTrainedAt, fresh, error));
        }

        private Behavior<WorkerMessage> train(Instant now, List<String> models, Trigger trigger, String reason) {
            List<ModelKind<?>> kinds = new ArrayList<>();
            for (String name : models) {
                ModelKind.named(name).ifPresent(kinds::add);
            }
            trainer.tell(new Started(new RetrainingStarted(
                    NAME,
                    now,
                    trigger,
                    reason,
                    kinds.stream().map(ModelKind::name).toList())));
            // the pipeline reports from the blocking executor, where the actor's context must not be touched
            TrainingProgress progress = (model, message) -> PROGRESS.info("Training {}: {}", model, message);
            BlockingWork.pipeToSelf(
                    context,
                    env.blocking(),
                    () -> pipeline.train(kinds, trigger.id(), progress),
                    outcomes -> new Trained(trigger, outcomes, Optional.empty()),
                    failure -> new Trained(trigger, List.of(), Optional.of(failure.toString())));
            return training(now);
        }

        private Behavior<WorkerMessage> training(Instant startedAt) {
            return Behaviors.receive(WorkerMessage.class)
                    .onMessage(Trained.class, done -> {
                        Instant at = env.clock().instant();
                        List<ModelTrained> events = new ArrayList<>();
                        done.failure()
                                .ifPresent(f -> events.add(new ModelTrained(
                                        NAME,
                                        at,
                                        "all",
                                        done.trigger(),
                                        TrainingOutcome.Status.FAILED,
                                        Optional.empty(),
                                        f,
                                        Map.of())));
                        for (TrainingOutcome o : done.outcomes()) {
                            events.add(new ModelTrained(
                                    NAME,
                                    at,
                                    o.model(),
                                    done.trigger(),
                                    o.status(),
                                    o.version().map(v -> v.version()),
                                    o.reason(),
                                    decidingNumbers(o.metrics())));
                        }
                        if (!events.isEmpty()) {
                            trainer.tell(new Finished(events));
                        }
                        return idle(Optional.of(startedAt));
                    })
                    .onMessage(Check.class, check -> {
                        check.request()
                                .ifPresent(r -> r.replyTo()
                                        .tell(StatusReply.error(
                                                "busy: a training started at " + startedAt + " is still running")));
                        return Behaviors.same();
                    })
                    .build();
        }

        /** The test numbers of a model's metrics (one level of nesting flattened as {@code group.name}). */
        private static Map<String, Double> decidingNumbers(Map<String, Object> metrics) {
            Map<String, Double> numbers = new LinkedHashMap<>();
            Object test = metrics.getOrDefault("test", metrics.get("test_1h"));
            if (test instanceof Map<?, ?> group) {
                group.forEach((k, v) -> {
                    if (v instanceof Number n) {
                        numbers.put(String.valueOf(k), n.doubleValue());
                    } else if (v instanceof Map<?, ?> inner) {
                        inner.forEach((ik, iv) -> {
                            if (iv instanceof Number n) {
                                numbers.put(k + "." + ik, n.doubleValue());
                            }
                        });
                    }
                });
            }
            for (String key : List.of("k", "silhouette")) {
                if (metrics.get(key) instanceof Number n) {
                    numbers.put(key, n.doubleValue());
                }
            }
            return numbers;
        }
    }
}
