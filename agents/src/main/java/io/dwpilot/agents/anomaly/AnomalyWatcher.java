package io.dwpilot.agents.anomaly;

import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.BlockingWork;
import io.dwpilot.agents.runtime.Cadence;
import io.dwpilot.agents.runtime.DecisionKind;
import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.agents.runtime.PersistFailure;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.gateway.serving.ActiveModels;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.models.anomaly.Severity;
import io.dwpilot.persistence.observations.AnomalyRepository;
import io.dwpilot.persistence.observations.KnownFingerprints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The anomaly watcher: judges every execution the guardian forwards ({@link Observe}) and every new system sample of
 * the observer's workload snapshots against robust norms, and flags
 * <ul>
 *   <li>{@code slow_query}: an ok execution far slower than its fingerprint's median/MAD norm;</li>
 *   <li>{@code new_shape}: a fingerprint never logged before, once the watcher has warmed up;</li>
 *   <li>{@code failure_burst}: more errors and timeouts than allowed within a window of workload time;</li>
 *   <li>{@code metric_spike}: a system metric far above its recent norm.</li>
 * </ul>
 * An anomaly is stored in metadata.anomalies, then journaled as {@link AnomalyDetected}. A cooldown per kind and
 * subject (fingerprint or metric) turns a storm into one incident: within it, further findings are only counted.
 * The journaled state keeps the counts and the cooldowns, so a restart inside a cooldown does not alert again; the
 * detectors' norms are a runtime cache ({@link Detectors}) that rebuilds from new traffic.
 */
public final class AnomalyWatcher
        extends EventSourcedBehaviorWithEnforcedReplies<
                AnomalyWatcher.Command, AnomalyWatcher.Event, AnomalyWatcher.State> {

    public static final String NAME = "anomaly-watcher";
    /** Entity type, the first part of the persistence id ({@code AnomalyWatcher|anomaly-watcher}). */
    public static final String ENTITY_TYPE = "AnomalyWatcher";
    /** The one watcher's persistence id, {@code AnomalyWatcher|anomaly-watcher}. */
    public static final PersistenceId PERSISTENCE_ID = PersistenceId.of(ENTITY_TYPE, NAME);

    static final int SNAPSHOT_EVERY = 100;
    /** Anomalies kept in the state for {@link GetRecent}. */
    static final int RECENT = 20;

    static final List<String> KINDS =
            List.of(Finding.SLOW_QUERY, Finding.NEW_SHAPE, Finding.FAILURE_BURST, Finding.METRIC_SPIKE);

    // ---- protocol -------------------------------------------------------------------------------------------

    /** The watcher's protocol: what others may send it. */
    public sealed interface Command extends JsonSerializable permits Observe, GetStatus, GetRecent, Internal {}

    /** What the watcher sends itself: snapshots adapted from the topic and work it handed over coming back. */
    sealed interface Internal extends Command
            permits WorkloadUpdate, LoadKnown, KnownLoaded, KnownLoadFailed, Recorded, RecordFailed {}

    /** One execution, forwarded by the guardian from the gateway. */
    public record Observe(QueryExecuted event) implements Command {
        public Observe {
            Objects.requireNonNull(event, "event");
        }
    }

    /** Replies the watcher's phase, last anomaly and counters (anomalies per kind, suppressed findings, ...). */
    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {}

    /** Replies the most recent anomalies, newest first, at most {@code limit} (and at most {@value #RECENT}). */
    public record GetRecent(int limit, ActorRef<List<AnomalyDetected>> replyTo) implements Command {}

    /** A workload snapshot from the topic (message adapter). */
    record WorkloadUpdate(WorkloadSnapshot snapshot) implements Internal {}

    /** Time to (re)load the known fingerprints. */
    enum LoadKnown implements Internal {
        INSTANCE
    }

    record KnownLoaded(Set<String> fingerprints) implements Internal {}

    record KnownLoadFailed(String error) implements Internal {}

    /** A finding's row was written with this id: journal it. */
    record Recorded(Finding finding, long anomalyId) implements Internal {}

    /** A finding's row could not be written: nothing is journaled, a later finding of the key may retry. */
    record RecordFailed(Finding finding, String error) implements Internal {}

    // ---- events ---------------------------------------------------------------------------------------------

    public sealed interface Event extends AgentDecision permits AnomalyDetected {}

    /**
     * An anomaly stored in metadata.anomalies with id {@code anomalyId}: its kind ({@code slow_query},
     * {@code new_shape}, {@code failure_burst}, {@code metric_spike}), severity, subject (fingerprint and query,
     * or metric), the observed value against the expected one, the score, and when (workload time).
     */
    public record AnomalyDetected(
            long anomalyId,
            String anomalyKind,
            Severity severity,
            Optional<String> fingerprint,
            Optional<Long> queryId,
            Optional<String> metric,
            double observed,
            Optional<Double> expected,
            double score,
            String description,
            Instant at)
            implements Event {
        public AnomalyDetected {
            fingerprint = fingerprint == null ? Optional.empty() : fingerprint;
            queryId = queryId == null ? Optional.empty() : queryId;
            metric = metric == null ? Optional.empty() : metric;
            expected = expected == null ? Optional.empty() : expected;
        }

        static AnomalyDetected of(Finding f, long anomalyId) {
            return new AnomalyDetected(
                    anomalyId,
                    f.kind(),
                    f.severity(),
                    f.fingerprint(),
                    f.queryId(),
                    f.metric(),
                    f.observed(),
                    f.expected(),
                    f.score(),
                    f.description(),
                    f.at());
        }

        @Override
        public String agent() {
            return NAME;
        }

        @Override
        public DecisionKind kind() {
            return DecisionKind.ANOMALY_DETECTED;
        }

        @Override
        public String channel() {
            return "anomaly";
        }

        @Override
        public String summary() {
            return anomalyKind + " (" + severity.name().toLowerCase(Locale.ROOT) + ", #" + anomalyId + "): "
                    + description;
        }

        String key() {
            return anomalyKind;
        }
    }

    // ---- state ----------------------------------------------------------------------------------------------

    /**
     * What must survive a restart: anomalies per kind, the last alert time of every key still cooling down, and the
     * most recent anomalies (newest first).
     */
    public record State(Map<String, Long> detected, Map<String, Instant> lastAlerts, List<AnomalyDetected> recent)
            implements JsonSerializable {
        public State {
            detected = Map.copyOf(detected);
            lastAlerts = Map.copyOf(lastAlerts);
            recent = List.copyOf(recent);
        }

        public static State empty() {
            return new State(Map.of(), Map.of(), List.of());
        }

        /** Whether an alert of {@code key} at {@code now} falls in the cooldown of its last alert. */
        boolean coolingDown(String key, Instant now, Cadence cooldown) {
            Instant last = lastAlerts.get(key);
            return last != null && !cooldown.due(Optional.of(last), now);
        }

        Optional<AnomalyDetected> last() {
            return recent.stream().findFirst();
        }

        State apply(AnomalyDetected event, Cadence cooldown) {
            Map<String, Long> counts = new HashMap<>(detected);
            counts.merge(event.anomalyKind(), 1L, Long::sum);
            Map<String, Instant> alerts = new HashMap<>();
            // keys whose cooldown is over are forgotten, so the map stays as small as the live incidents
            lastAlerts.forEach((key, at) -> {
                if (!cooldown.due(Optional.of(at), event.at())) {
                    alerts.put(key, at);
                }
            });
            alerts.put(event.key(), event.at());
            List<AnomalyDetected> latest = new ArrayList<>(RECENT);
            latest.add(event);
            recent.stream().limit(RECENT - 1).forEach(latest::add);
            return new State(counts, alerts, latest);
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final AgentEnvironment env;
    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final AnomalyWatcherSettings settings;
    private final Cadence cooldown;
    private final Detectors detectors;
    private final AnomalyRepository anomalies;
    private final KnownFingerprints knownFingerprints;

    private AnomalyWatcher(
            AgentEnvironment env,
            AnomalyWatcherSettings settings,
            ActorContext<Command> context,
            TimerScheduler<Command> timers) {
        super(PERSISTENCE_ID, PersistFailure.BACKOFF);
        this.env = env;
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.cooldown = new Cadence(settings.cooldown());
        this.detectors = new Detectors(
                settings, () -> env.gateway().models().get(ModelKind.ANOMALY).map(ActiveModels.Serving::model));
        this.anomalies = new AnomalyRepository(env.database().systemPool());
        this.knownFingerprints = new KnownFingerprints(env.database().systemPool());
    }

    /** The watcher with its settings from {@code dwpilot.agents.anomaly-watcher}. */
    public static Behavior<Command> create(AgentEnvironment env) {
        return create(env, AnomalyWatcherSettings.fromConfig(env.settings(NAME)));
    }

    public static Behavior<Command> create(AgentEnvironment env, AnomalyWatcherSettings settings) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(settings, "settings");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            env.workloadTopic()
                    .tell(Topic.subscribe(context.messageAdapter(WorkloadSnapshot.class, WorkloadUpdate::new)));
            context.getSelf().tell(LoadKnown.INSTANCE);
            return new AnomalyWatcher(env, settings, context, timers);
        }));
    }

    @Override
    public State emptyState() {
        return State.empty();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Observe.class, this::onObserve)
                .onCommand(WorkloadUpdate.class, this::onWorkloadUpdate)
                .onCommand(Recorded.class, this::onRecorded)
                .onCommand(RecordFailed.class, this::onRecordFailed)
                .onCommand(LoadKnown.class, cmd -> loadKnown())
                .onCommand(KnownLoaded.class, this::onKnownLoaded)
                .onCommand(KnownLoadFailed.class, this::onKnownLoadFailed)
                .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), status(state)))
                .onCommand(
                        GetRecent.class,
                        (state, cmd) -> Effect()
                                .reply(
                                        cmd.replyTo(),
                                        state.recent().stream()
                                                .limit(Math.max(0, cmd.limit()))
                                                .toList()))
                .build();
    }

    private ReplyEffect<Event, State> onObserve(State state, Observe cmd) {
        detectors.onExecution(cmd.event(), env.clock().instant()).forEach(f -> raise(state, f));
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onWorkloadUpdate(State state, WorkloadUpdate cmd) {
        cmd.snapshot()
                .system()
                .ifPresent(sample ->
                        detectors.onSample(sample, env.clock().instant()).forEach(f -> raise(state, f)));
        return Effect().noReply();
    }

    /** Stores a finding unless its key is cooling down or already being stored; then it is only counted. */
    private void raise(State state, Finding finding) {
        if (state.coolingDown(finding.key(), finding.at(), cooldown) || !detectors.claim(finding.key())) {
            detectors.suppress();
            return;
        }
        boolean simulated = env.clock().simulated();
        blocking(
                () -> anomalies.record(finding.toRow(simulated)),
                id -> new Recorded(finding, id),
                error -> new RecordFailed(finding, error));
    }

    private ReplyEffect<Event, State> onRecorded(State state, Recorded cmd) {
        detectors.release(cmd.finding().key());
        return Effect()
                .persist(AnomalyDetected.of(cmd.finding(), cmd.anomalyId()))
                .thenNoReply();
    }

    private ReplyEffect<Event, State> onRecordFailed(State state, RecordFailed cmd) {
        detectors.release(cmd.finding().key());
        context.getLog()
                .warn(
                        "could not store {} anomaly ({}); a later finding will retry: {}",
                        cmd.finding().kind(),
                        cmd.finding().description(),
                        cmd.error());
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> loadKnown() {
        blocking(knownFingerprints::all, KnownLoaded::new, KnownLoadFailed::new);
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onKnownLoaded(State state, KnownLoaded cmd) {
        detectors.knownLoaded(cmd.fingerprints());
        context.getLog().info("{} known query shapes loaded", cmd.fingerprints().size());
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onKnownLoadFailed(State state, KnownLoadFailed cmd) {
        context.getLog()
                .warn("could not load the known query shapes, retrying in {}: {}", settings.loadRetry(), cmd.error());
        timers.startSingleTimer(LoadKnown.INSTANCE, settings.loadRetry());
        return Effect().noReply();
    }

    /** Runs JDBC work on the blocking executor and sends its outcome to self. */
    private <T> void blocking(Callable<T> work, Function<T, Command> onSuccess, Function<String, Command> onFailure) {
        BlockingWork.pipeToSelf(
                context,
                env.blocking(),
                work,
                onSuccess,
                cause -> onFailure.apply(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
    }

    private AgentStatus status(State state) {
        Map<String, Long> counters = new LinkedHashMap<>();
        KINDS.forEach(kind -> counters.put(kind, state.detected().getOrDefault(kind, 0L)));
        counters.put("suppressed", detectors.suppressed());
        counters.put("executions", detectors.executions());
        counters.put("samples", detectors.samples());
        counters.put("known_fingerprints", (long) detectors.knownFingerprintCount());
        Optional<AnomalyDetected> last = state.last();
        return new AgentStatus(
                NAME, detectors.phase(), last.map(AnomalyDetected::summary), last.map(AnomalyDetected::at), counters);
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(AnomalyDetected.class, (state, event) -> state.apply(event, cooldown))
                .build();
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return AgentDecision.tags(NAME);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
    }
}
