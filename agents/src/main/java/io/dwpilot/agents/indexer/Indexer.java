package io.dwpilot.agents.indexer;

import io.dwpilot.agents.indexer.IndexerState.Phase;
import io.dwpilot.agents.indexer.IndexerState.Tracked;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.AgentSwitch;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.DecisionKind;
import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.agents.runtime.PersistFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
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
 * The indexer: finds the indexes the workload lacks, builds them, verifies on real executions that they helped, and
 * drops them again when they did not, or when they go unused.
 *
 * <p>Every {@code interval} of workload time it analyzes the busiest fingerprints of the last window with
 * {@link IndexAdvisor} (what-if costs, Extend-style selection under the storage budget, maintenance priced in) and
 * journals an {@link IndexesAnalyzed} and an {@link IndexRecommended} per new index. In automatic mode (the
 * {@link AgentSwitch} of the same name, defaulting to the configured mode) it schedules each for the quietest
 * forecast time ({@link BuildScheduled}); in recommend-only mode a person {@link Apply applies} or
 * {@link Reject rejects} it. It builds one index at a time with {@code CREATE INDEX CONCURRENTLY} on the system pool
 * ({@link IndexCreated}, or {@link IndexBuildFailed} with what the failure left INVALID dropped), then verifies:
 * {@link IndexKept} or {@link IndexReverted} (the index dropped). A kept index that no scan uses for
 * {@code unused-after} is dropped ({@link IndexDropped}). It only ever drops indexes it built itself.
 *
 * <p>This actor only decides and journals; its child, the {@link IndexerWorker}, does the database work on the
 * blocking executor, one step at a time, and hands back the events. Each step acts first and journals after, and
 * each is safe to repeat, so a crash in between is made good on the next tick: a build that finished unjournaled is
 * found and adopted, a verification runs again.
 */
public final class Indexer
        extends EventSourcedBehaviorWithEnforcedReplies<Indexer.Command, Indexer.Event, IndexerState> {
    public static final String NAME = "indexer";
    static final int SNAPSHOT_EVERY = 100;

    // ---- protocol -------------------------------------------------------------------------------------------

    /** The indexer's protocol: what others may send it. */
    public sealed interface Command extends JsonSerializable
            permits AnalyzeNow, Apply, Reject, SetMode, GetMode, GetStatus, GetState, Internal {}

    /** What the indexer hears from its timer and its worker; not for others. */
    sealed interface Internal extends Command permits Tick, Journal {}

    /** The wall-clock tick on which the worker looks for due work. */
    record Tick() implements Internal {}

    /** Analyzes at once, whatever the cadence; replies with the summary once the results are journaled. */
    public record AnalyzeNow(ActorRef<StatusReply<String>> replyTo) implements Command {}

    /** A person applies a recommendation: it is built at once (well, at the next tick). */
    public record Apply(long id, String by, ActorRef<StatusReply<String>> replyTo) implements Command {}

    /** A person rejects a recommendation: it is never built nor recommended again. */
    public record Reject(long id, String by, String reason, ActorRef<StatusReply<String>> replyTo) implements Command {}

    /** Switches between automatic and recommend-only (journaled by the indexer's {@link AgentSwitch}). */
    public record SetMode(Mode mode, String reason, ActorRef<StatusReply<Mode>> replyTo) implements Command {}

    public record GetMode(ActorRef<Mode> replyTo) implements Command {}

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {}

    public record GetState(ActorRef<IndexerState> replyTo) implements Command {}

    /** From the worker: what a step found, to be journaled (and the summary of the first replied, if asked). */
    record Journal(List<Event> events, Optional<ActorRef<StatusReply<String>>> replyTo) implements Internal {}

    // ---- events ---------------------------------------------------------------------------------------------

    public sealed interface Event extends AgentDecision
            permits IndexesAnalyzed,
                    IndexRecommended,
                    BuildScheduled,
                    IndexCreated,
                    IndexBuildFailed,
                    IndexKept,
                    IndexReverted,
                    IndexDropped,
                    RecommendationRejected {}

    /** An analysis of the workload: the candidate set evaluated and what it cost. */
    public record IndexesAnalyzed(
            String agent,
            Instant at,
            int statements,
            int candidates,
            int skipped,
            long whatIfCalls,
            long tookMillis,
            long budgetBytes,
            long usedBytes,
            double workloadCostBefore,
            double workloadCostAfter,
            int recommended)
            implements Event {
        static IndexesAnalyzed of(IndexerWork.Analysis a) {
            return new IndexesAnalyzed(
                    NAME,
                    a.at(),
                    a.statements(),
                    a.candidates(),
                    a.skipped(),
                    a.whatIfCalls(),
                    a.tookMillis(),
                    a.budgetBytes(),
                    a.usedBytes(),
                    a.workloadCostBefore(),
                    a.workloadCostAfter(),
                    a.recommended().size());
        }

        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEXES_ANALYZED;
        }

        @Override
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "analyzed %d statements: %d candidates, %d what-if calls in %d ms;"
                            + " %d recommended within %s (estimated workload cost %.0f → %.0f)",
                    statements,
                    candidates,
                    whatIfCalls,
                    tookMillis,
                    recommended,
                    IndexRecommendation.megabytes(budgetBytes),
                    workloadCostBefore,
                    workloadCostAfter);
        }
    }

    public record IndexRecommended(String agent, Instant at, long id, IndexRecommendation recommendation)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_RECOMMENDED;
        }

        @Override
        public String summary() {
            return "recommend " + recommendation.reason();
        }
    }

    /** Approved for building (by the automatic mode or a person), not before {@code notBefore}. */
    public record BuildScheduled(String agent, Instant at, long id, String indexName, Instant notBefore, String by)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_BUILD_SCHEDULED;
        }

        @Override
        public String summary() {
            return "build " + indexName
                    + (notBefore.isAfter(at) ? " at " + notBefore + " (quietest forecast time)" : " now")
                    + ", approved by " + by;
        }
    }

    public record IndexCreated(
            String agent,
            Instant at,
            long id,
            String indexName,
            Instant startedAt,
            long estimatedBytes,
            long realBytes,
            long buildMillis)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_CREATED;
        }

        @Override
        public String summary() {
            return String.format(
                    Locale.ROOT,
                    "created %s in %.1f s: %s (estimated %s)",
                    indexName,
                    buildMillis / 1000.0,
                    IndexRecommendation.megabytes(realBytes),
                    IndexRecommendation.megabytes(estimatedBytes));
        }
    }

    public record IndexBuildFailed(String agent, Instant at, long id, String indexName, String error) implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_BUILD_FAILED;
        }

        @Override
        public String summary() {
            return "building " + indexName + " failed: " + error;
        }
    }

    /** Verified and kept; {@code gain} is the weighted relative latency gain of the helped queries (NaN: unjudged). */
    public record IndexKept(String agent, Instant at, long id, String indexName, double gain, String reason)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_KEPT;
        }

        @Override
        public String summary() {
            return "kept " + indexName + ": " + reason;
        }
    }

    public record IndexReverted(String agent, Instant at, long id, String indexName, double gain, String reason)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_REVERTED;
        }

        @Override
        public String summary() {
            return "reverted (dropped) " + indexName + ": " + reason;
        }
    }

    public record IndexDropped(String agent, Instant at, long id, String indexName, String reason) implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_DROPPED;
        }

        @Override
        public String summary() {
            return "dropped " + indexName + ": " + reason;
        }
    }

    public record RecommendationRejected(String agent, Instant at, long id, String indexName, String by, String reason)
            implements Event {
        @Override
        public DecisionKind kind() {
            return DecisionKind.INDEX_REJECTED;
        }

        @Override
        public String summary() {
            return indexName + " rejected by " + by + (reason.isBlank() ? "" : ": " + reason);
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final ActorRef<IndexerWorker.Message> worker;
    private final Clock clock;

    private Indexer(ActorContext<Command> context, ActorRef<IndexerWorker.Message> worker, Clock clock) {
        super(PersistenceId.of("Indexer", NAME), PersistFailure.BACKOFF);
        this.context = context;
        this.worker = worker;
        this.clock = clock;
    }

    public static Behavior<Command> create(AgentEnvironment env) {
        return create(env, IndexerSettings.fromConfig(env.settings(NAME)));
    }

    public static Behavior<Command> create(AgentEnvironment env, IndexerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<AgentSwitch.Command> modeSwitch = context.spawn(AgentSwitch.create(NAME, env.clock()), "mode");
            ActorRef<IndexerWorker.Message> worker =
                    context.spawn(IndexerWorker.create(env, settings, context.getSelf(), modeSwitch), "worker");
            timers.startTimerWithFixedDelay(new Tick(), settings.tick());
            return journaled(worker, env.clock());
        }));
    }

    /** The journaled decisions alone, leaving the database work and the mode to {@code worker}. */
    static Behavior<Command> journaled(ActorRef<IndexerWorker.Message> worker, Clock clock) {
        return Behaviors.setup(context -> new Indexer(context, worker, clock));
    }

    @Override
    public IndexerState emptyState() {
        return IndexerState.initial();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, IndexerState> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Tick.class, (state, tick) -> handOver(new IndexerWorker.Due(state)))
                .onCommand(AnalyzeNow.class, (state, cmd) -> handOver(new IndexerWorker.Analyze(state, cmd.replyTo())))
                .onCommand(Journal.class, this::onJournal)
                .onCommand(Apply.class, this::onApply)
                .onCommand(Reject.class, this::onReject)
                .onCommand(
                        SetMode.class,
                        (state, cmd) -> handOver(new IndexerWorker.SetMode(cmd.mode(), cmd.reason(), cmd.replyTo())))
                .onCommand(GetMode.class, (state, cmd) -> handOver(new IndexerWorker.GetMode(cmd.replyTo())))
                .onCommand(GetStatus.class, (state, cmd) -> handOver(new IndexerWorker.GetStatus(state, cmd.replyTo())))
                .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
                .build();
    }

    /** The worker answers, when it is the one that knows (the mode) or does (database work). */
    private ReplyEffect<Event, IndexerState> handOver(IndexerWorker.Message message) {
        worker.tell(message);
        return Effect().noReply();
    }

    /** A step's events: journaled, then the worker may start the next step. */
    private ReplyEffect<Event, IndexerState> onJournal(IndexerState state, Journal journal) {
        String summary = journal.events().get(0).summary();
        return Effect()
                .persist(journal.events())
                .thenRun(updated -> {
                    journal.events().forEach(event -> context.getLog().info("Indexer: {}", event.summary()));
                    worker.tell(new IndexerWorker.Journaled());
                })
                .thenReply(
                        journal.replyTo().orElse(context.getSystem().ignoreRef()),
                        updated -> StatusReply.success(summary));
    }

    // ---- people ---------------------------------------------------------------------------------------------

    private ReplyEffect<Event, IndexerState> onApply(IndexerState state, Apply cmd) {
        Optional<Tracked> tracked = state.get(cmd.id());
        if (tracked.isEmpty() || tracked.get().phase() != Phase.RECOMMENDED) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(notAllowed(tracked, cmd.id(), "applied")));
        }
        Instant now = clock.instant();
        BuildScheduled event = new BuildScheduled(
                NAME, now, cmd.id(), tracked.get().recommendation().indexName(), now, cmd.by());
        return Effect().persist(event).thenReply(cmd.replyTo(), updated -> StatusReply.success(event.summary()));
    }

    private ReplyEffect<Event, IndexerState> onReject(IndexerState state, Reject cmd) {
        Optional<Tracked> tracked = state.get(cmd.id());
        if (tracked.isEmpty()
                || !(tracked.get().phase() == Phase.RECOMMENDED || tracked.get().phase() == Phase.APPROVED)) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(notAllowed(tracked, cmd.id(), "rejected")));
        }
        Instant now = clock.instant();
        RecommendationRejected event = new RecommendationRejected(
                NAME,
                now,
                cmd.id(),
                tracked.get().recommendation().indexName(),
                cmd.by(),
                cmd.reason() == null ? "" : cmd.reason());
        return Effect()
                .persist(event)
                .thenRun(updated -> worker.tell(new IndexerWorker.RecordRejection(cmd.id(), cmd.by(), now)))
                .thenReply(cmd.replyTo(), updated -> StatusReply.success(event.summary()));
    }

    private static String notAllowed(Optional<Tracked> tracked, long id, String what) {
        return tracked.map(t -> "index recommendation " + id + " is "
                        + t.phase().name().toLowerCase(Locale.ROOT) + ": only a recommended index can be " + what)
                .orElse("no index recommendation " + id);
    }

    /** The status of {@code state}, in {@code mode} (empty while the mode switch has not answered yet). */
    static AgentStatus status(IndexerState state, Optional<Mode> mode) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("analyses", state.analyses());
        for (Phase phase : Phase.values()) {
            counters.put(phase.name().toLowerCase(Locale.ROOT), state.count(phase));
        }
        String words = mode.map(m -> m == Mode.AUTOMATIC ? "automatic" : "recommend-only")
                        .orElse("starting")
                + ", " + state.count(Phase.KEPT) + " kept, " + state.count(Phase.VERIFYING) + " verifying, "
                + state.count(Phase.RECOMMENDED) + " awaiting a decision";
        Optional<Tracked> latest = state.indexes().values().stream().reduce((a, b) -> b);
        return new AgentStatus(
                NAME,
                words,
                latest.map(t ->
                        t.recommendation().shape() + ": " + t.phase().name().toLowerCase(Locale.ROOT)),
                latest.map(Tracked::recommendedAt),
                counters);
    }

    /** After a restart (a failed persist, say) the worker may go on: the state it will be handed is current. */
    @Override
    public SignalHandler<IndexerState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> worker.tell(new IndexerWorker.Journaled()))
                .build();
    }

    @Override
    public EventHandler<IndexerState, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(IndexesAnalyzed.class, (state, e) -> state.analyzed(e.at()))
                .onEvent(
                        IndexRecommended.class,
                        (state, e) -> state.with(new Tracked(
                                e.id(),
                                e.recommendation(),
                                Phase.RECOMMENDED,
                                e.at(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                0)))
                .onEvent(BuildScheduled.class, (state, e) -> update(state, e.id(), t -> t.approved(e.notBefore())))
                .onEvent(
                        IndexCreated.class,
                        (state, e) -> state.get(e.id())
                                .map(t -> state.built(t.built(e.startedAt(), e.at(), e.realBytes())))
                                .orElse(state))
                .onEvent(IndexBuildFailed.class, (state, e) -> update(state, e.id(), t -> t.in(Phase.FAILED)))
                .onEvent(IndexKept.class, (state, e) -> update(state, e.id(), t -> t.in(Phase.KEPT)))
                .onEvent(IndexReverted.class, (state, e) -> update(state, e.id(), t -> t.in(Phase.REVERTED)))
                .onEvent(IndexDropped.class, (state, e) -> update(state, e.id(), t -> t.in(Phase.DROPPED)))
                .onEvent(RecommendationRejected.class, (state, e) -> update(state, e.id(), t -> t.in(Phase.REJECTED)))
                .build();
    }

    private static IndexerState update(IndexerState state, long id, Function<Tracked, Tracked> change) {
        return state.get(id).map(t -> state.with(change.apply(t))).orElse(state);
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
