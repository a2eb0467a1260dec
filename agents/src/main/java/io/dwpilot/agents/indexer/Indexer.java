package io.dwpilot.agents.indexer;

import io.dwpilot.agents.indexer.IndexerState.Phase;
import io.dwpilot.agents.indexer.IndexerState.Tracked;
import io.dwpilot.agents.runtime.AgentDecision;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.BlockingWork;
import io.dwpilot.agents.runtime.AgentSwitch;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.Cadence;
import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.agents.runtime.PersistFailure;
import io.dwpilot.models.verify.Verdict;
import io.dwpilot.models.verify.Verification;
import io.dwpilot.persistence.indexing.BuildResult;
import java.time.Duration;
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
import org.apache.pekko.Done;
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
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Database work runs on the blocking executor, one step at a time; the actor only decides and journals. Each
 * step acts first and journals after, and each is safe to repeat, so a crash in between is made good on the next
 * tick: a build that finished unjournaled is found and adopted, a verification runs again.
 */
public final class Indexer
        extends EventSourcedBehaviorWithEnforcedReplies<Indexer.Command, Indexer.Event, IndexerState> {
    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);
    public static final String NAME = "indexer";
    static final int SNAPSHOT_EVERY = 100;

    // ---- protocol -------------------------------------------------------------------------------------------

    /** The indexer's protocol: what others may send it. */
    public sealed interface Command extends JsonSerializable
            permits Tick, AnalyzeNow, Apply, Reject, SetMode, GetMode, GetStatus, GetState, Internal {
    }

    /** What the indexer sends itself when work it handed over comes back; not for others. */
    sealed interface Internal extends Command permits StepDone, ModeRead, RejectionRecorded {
    }

    /** The wall-clock tick on which the indexer looks for due work. */
    public record Tick() implements Command {
    }

    /** Analyzes at once, whatever the cadence; replies with the summary once the results are journaled. */
    public record AnalyzeNow(ActorRef<StatusReply<String>> replyTo) implements Command {
    }

    /** A person applies a recommendation: it is built at once (well, at the next tick). */
    public record Apply(long id, String by, ActorRef<StatusReply<String>> replyTo) implements Command {
    }

    /** A person rejects a recommendation: it is never built nor recommended again. */
    public record Reject(long id, String by, String reason, ActorRef<StatusReply<String>> replyTo) implements Command {
    }

    /** Switches between automatic and recommend-only (journaled by the indexer's {@link AgentSwitch}). */
    public record SetMode(Mode mode, String reason, ActorRef<StatusReply<Mode>> replyTo) implements Command {
    }

    public record GetMode(ActorRef<Mode> replyTo) implements Command {
    }

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {
    }

    public record GetState(ActorRef<IndexerState> replyTo) implements Command {
    }

    /**
     * A step of database work came back: the events it produced (none when nothing changed) and the scan counts
     * the unused check marked, or its failure.
     */
    record StepDone(String step, List<Event> events, Map<Long, ScanMark> scanMarks, Optional<String> failure,
                    Optional<ActorRef<StatusReply<String>>> replyTo) implements Internal {
    }

    /** The mode switch answered. */
    record ModeRead(Mode mode, Optional<ActorRef<StatusReply<Mode>>> replyTo) implements Internal {
    }

    /** Recording a rejection in the optimization history came back (empty: done). */
    record RejectionRecorded(long id, Optional<String> failure) implements Internal {
    }

    // ---- events ---------------------------------------------------------------------------------------------

    public sealed interface Event extends AgentDecision permits IndexesAnalyzed, IndexRecommended, BuildScheduled,
            IndexCreated, IndexBuildFailed, IndexKept, IndexReverted, IndexDropped, RecommendationRejected {
    }

    /** An analysis of the workload: the candidate set evaluated and what it cost. */
    public record IndexesAnalyzed(String agent, Instant at, int statements, int candidates, int skipped,
                                  long whatIfCalls, long tookMillis, long budgetBytes, long usedBytes,
                                  double workloadCostBefore, double workloadCostAfter, int recommended)
            implements Event {
        static IndexesAnalyzed of(IndexerWork.Analysis a) {
            return new IndexesAnalyzed(NAME, a.at(), a.statements(), a.candidates(), a.skipped(), a.whatIfCalls(),
                    a.tookMillis(), a.budgetBytes(), a.usedBytes(), a.workloadCostBefore(), a.workloadCostAfter(),
                    a.recommended().size());
        }

        @Override
        public String kind() {
            return "indexes_analyzed";
        }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "analyzed %d statements: %d candidates, %d what-if calls in %d ms;"
                            + " %d recommended within %s (estimated workload cost %.0f → %.0f)", statements,
                    candidates, whatIfCalls, tookMillis, recommended, IndexRecommendation.megabytes(budgetBytes),
                    workloadCostBefore, workloadCostAfter);
        }
    }

    public record IndexRecommended(String agent, Instant at, long id, IndexRecommendation recommendation)
            implements Event {
        @Override
        public String kind() {
            return "index_recommended";
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
        public String kind() {
            return "index_build_scheduled";
        }

        @Override
        public String summary() {
            return "build " + indexName + (notBefore.isAfter(at) ? " at " + notBefore + " (quietest forecast time)"
                    : " now") + ", approved by " + by;
        }
    }

    public record IndexCreated(String agent, Instant at, long id, String indexName, Instant startedAt,
                               long estimatedBytes, long realBytes, long buildMillis) implements Event {
        @Override
        public String kind() {
            return "index_created";
        }

        @Override
        public String summary() {
            return String.format(Locale.ROOT, "created %s in %.1f s: %s (estimated %s)", indexName,
                    buildMillis / 1000.0, IndexRecommendation.megabytes(realBytes),
                    IndexRecommendation.megabytes(estimatedBytes));
        }
    }

    public record IndexBuildFailed(String agent, Instant at, long id, String indexName, String error)
            implements Event {
        @Override
        public String kind() {
            return "index_build_failed";
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
        public String kind() {
            return "index_kept";
        }

        @Override
        public String summary() {
            return "kept " + indexName + ": " + reason;
        }
    }

    public record IndexReverted(String agent, Instant at, long id, String indexName, double gain, String reason)
            implements Event {
        @Override
        public String kind() {
            return "index_reverted";
        }

        @Override
        public String summary() {
            return "reverted (dropped) " + indexName + ": " + reason;
        }
    }

    public record IndexDropped(String agent, Instant at, long id, String indexName, String reason) implements Event {
        @Override
        public String kind() {
            return "index_dropped";
        }

        @Override
        public String summary() {
            return "dropped " + indexName + ": " + reason;
        }
    }

    public record RecommendationRejected(String agent, Instant at, long id, String indexName, String by,
                                         String reason) implements Event {
        @Override
        public String kind() {
            return "index_rejected";
        }

        @Override
        public String summary() {
            return indexName + " rejected by " + by + (reason.isBlank() ? "" : ": " + reason);
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final AgentEnvironment env;
    private final IndexerSettings settings;
    private final IndexerWork work;
    private final ActorRef<AgentSwitch.Command> modeSwitch;
    private final Cadence analysisCadence;
    private final Cadence unusedCadence;
    // What is merely being watched, not decided: it starts over after a restart.
    private Optional<Mode> mode = Optional.empty();
    private boolean busy;
    private boolean invalidCleaned;
    private Optional<Instant> lastUnusedCheck = Optional.empty();
    private final Map<Long, Instant> lastVerification = new HashMap<>();
    // Handed to the unused check and replaced by what it returns, on the actor's thread.
    private Map<Long, ScanMark> scanMarks = Map.of();

    /** How many scans had used a kept index when first seen at that count. */
    record ScanMark(long scans, Instant since) implements JsonSerializable {
    }

    private Indexer(ActorContext<Command> context, AgentEnvironment env, IndexerSettings settings,
                    ActorRef<AgentSwitch.Command> modeSwitch) {
        super(PersistenceId.of("Indexer", NAME),
                PersistFailure.BACKOFF);
        this.context = context;
        this.env = env;
        this.settings = settings;
        this.work = new IndexerWork(env.database(), settings);
        this.modeSwitch = modeSwitch;
        this.analysisCadence = new Cadence(settings.interval());
        this.unusedCadence = new Cadence(settings.interval());
    }

    public static Behavior<Command> create(AgentEnvironment env) {
        return create(env, IndexerSettings.fromConfig(env.settings(NAME)));
    }

    public static Behavior<Command> create(AgentEnvironment env, IndexerSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            ActorRef<AgentSwitch.Command> modeSwitch =
                    context.spawn(AgentSwitch.create(NAME, env.clock()), "mode");
            context.ask(AgentSwitch.ModeView.class, modeSwitch, Duration.ofSeconds(10), AgentSwitch.GetMode::new,
                    (view, failure) -> new ModeRead(view == null ? Mode.RECOMMEND_ONLY
                            : view.changes() == 0 ? settings.mode() : view.mode(), Optional.empty()));
            timers.startTimerWithFixedDelay(new Tick(), settings.tick());
            return new Indexer(context, env, settings, modeSwitch);
        }));
    }

    @Override
    public IndexerState emptyState() {
        return IndexerState.initial();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, IndexerState> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Tick.class, this::onTick)
                .onCommand(AnalyzeNow.class, (state, cmd) -> busy
                        ? Effect().reply(cmd.replyTo(), StatusReply.error("the indexer is busy with another step; try again"))
                        : analyze(state, Optional.of(cmd.replyTo())))
                .onCommand(Apply.class, this::onApply)
                .onCommand(Reject.class, this::onReject)
                .onCommand(SetMode.class, this::onSetMode)
                .onCommand(ModeRead.class, (state, read) -> {
                    mode = Optional.of(read.mode());
                    return read.replyTo().map(r -> Effect().reply(r, StatusReply.success(read.mode())))
                            .orElseGet(() -> Effect().noReply());
                })
                .onCommand(GetMode.class, (state, cmd) ->
                        Effect().reply(cmd.replyTo(), mode.orElse(Mode.RECOMMEND_ONLY)))
                .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), status(state)))
                .onCommand(GetState.class, (state, cmd) -> Effect().reply(cmd.replyTo(), state))
                .onCommand(StepDone.class, this::onDone)
                .onCommand(RejectionRecorded.class, (state, recorded) -> onRejectionRecorded(recorded))
                .build();
    }

    // ---- ticks: one step of database work at a time ---------------------------------------------------------

    private ReplyEffect<Event, IndexerState> onTick(IndexerState state, Tick tick) {
        if (busy || mode.isEmpty()) {
            return Effect().noReply();
        }
        Instant now = env.clock().instant();
        if (!invalidCleaned) {
            invalidCleaned = true;
            return run("cleanup", Optional.empty(), () -> {
                int dropped = work.dropInvalid();
                if (dropped > 0) {
                    // on the blocking executor: the class's logger, never the actor's context
                    LOG.info("Indexer dropped {} INVALID index(es) of its own left by failed builds", dropped);
                }
                return List.of();
            });
        }
        Optional<Tracked> due = state.inPhase(Phase.APPROVED).stream()
                .filter(t -> t.notBefore().map(at -> !at.isAfter(now)).orElse(true))
                .findFirst();
        if (due.isPresent()) {
            return build(due.get(), now);
        }
        Optional<Tracked> verifying = state.inPhase(Phase.VERIFYING).stream()
                .filter(t -> verificationDue(t, now))
                .findFirst();
        if (verifying.isPresent()) {
            return verify(verifying.get(), now);
        }
        if (!state.inPhase(Phase.KEPT).isEmpty() && unusedCadence.due(lastUnusedCheck, now)) {
            lastUnusedCheck = Optional.of(now);
            return checkUnused(state.inPhase(Phase.KEPT), now);
        }
        if (analysisCadence.due(state.lastAnalysisAt(), now)) {
            return analyze(state, Optional.empty());
        }
        return Effect().noReply();
    }

    private boolean verificationDue(Tracked tracked, Instant now) {
        Instant built = tracked.builtAt().orElseThrow();
        Instant last = lastVerification.getOrDefault(tracked.id(), built);
        return !now.isBefore(last.plus(settings.verifyAfter()));
    }

    private ReplyEffect<Event, IndexerState> analyze(IndexerState state, Optional<ActorRef<StatusReply<String>>> replyTo) {
        Instant now = env.clock().instant();
        long used = state.usedBytes();
        double calibration = state.sizeCalibration();
        Set<String> known = state.knownNames();
        boolean automatic = mode.orElse(Mode.RECOMMEND_ONLY) == Mode.AUTOMATIC;
        return run("analysis", replyTo, () -> {
            IndexerWork.Analysis analysis = work.analyze(now, used, calibration, known);
            List<Event> events = new ArrayList<>();
            events.add(IndexesAnalyzed.of(analysis));
            Instant buildAt = automatic && !analysis.recommended().isEmpty() ? work.buildTime(now) : now;
            analysis.recommended().forEach((id, recommendation) -> {
                events.add(new IndexRecommended(NAME, now, id, recommendation));
                if (automatic) {
                    events.add(new BuildScheduled(NAME, now, id, recommendation.indexName(), buildAt,
                            "the indexer (automatic mode)"));
                }
            });
            return events;
        });
    }

    private ReplyEffect<Event, IndexerState> build(Tracked tracked, Instant now) {
        IndexRecommendation recommendation = tracked.recommendation();
        return run("build", Optional.empty(), () -> {
            try {
                BuildResult result = work.build(tracked.id(), recommendation, now);
                return List.of(new IndexCreated(NAME, env.clock().instant(), tracked.id(), recommendation.indexName(),
                        now, recommendation.estimatedBytes(), result.sizeBytes(), result.took().toMillis()));
            } catch (io.dwpilot.persistence.indexing.IndexBuildException e) {
                work.buildFailed(tracked.id(), e.getMessage(), now);
                return List.of(new IndexBuildFailed(NAME, now, tracked.id(), recommendation.indexName(),
                        e.getMessage()));
            }
        });
    }

    private ReplyEffect<Event, IndexerState> verify(Tracked tracked, Instant now) {
        lastVerification.put(tracked.id(), now);
        IndexRecommendation recommendation = tracked.recommendation();
        boolean deadline = !now.isBefore(tracked.builtAt().orElseThrow().plus(settings.verifyDeadline()));
        return run("verification", Optional.empty(), () -> {
            if (work.scans(recommendation).isEmpty()) {
                return List.of(new IndexDropped(NAME, now, tracked.id(), recommendation.indexName(),
                        "it no longer exists (dropped by someone else)"));
            }
            Verification verification = work.verify(recommendation, tracked.buildStartedAt().orElseThrow(),
                    tracked.builtAt().orElseThrow(), now);
            if (verification.verdict() == Verdict.INCONCLUSIVE && !deadline) {
                return List.of();
            }
            boolean keep = verification.verdict() != Verdict.REVERT;
            String reason = verification.verdict() == Verdict.INCONCLUSIVE
                    ? "too few executions to judge by the deadline; kept, and dropped later if it goes unused ("
                            + verification.reason() + ")"
                    : verification.reason();
            work.settle(tracked.id(), recommendation, verification, keep, now);
            return List.of(keep
                    ? new IndexKept(NAME, now, tracked.id(), recommendation.indexName(), verification.weightedGain(),
                            reason)
                    : new IndexReverted(NAME, now, tracked.id(), recommendation.indexName(),
                            verification.weightedGain(), reason));
        });
    }

    private ReplyEffect<Event, IndexerState> checkUnused(List<Tracked> kept, Instant now) {
        Map<Long, ScanMark> marks = new HashMap<>(scanMarks);
        return run("unused check", Optional.empty(), marks, () -> {
            List<Event> events = new ArrayList<>();
            for (Tracked tracked : kept) {
                Optional<Long> scans = work.scans(tracked.recommendation());
                ScanMark mark = marks.get(tracked.id());
                if (scans.isEmpty()) {
                    events.add(new IndexDropped(NAME, now, tracked.id(), tracked.recommendation().indexName(),
                            "it no longer exists (dropped by someone else)"));
                } else if (mark == null || scans.get() > mark.scans() || now.isBefore(mark.since())) {
                    marks.put(tracked.id(), new ScanMark(scans.get(), now));
                } else if (!now.isBefore(mark.since().plus(settings.unusedAfter()))) {
                    String reason = "no scan used it since " + mark.since() + " (unused for "
                            + settings.unusedAfter() + ")";
                    work.dropUnused(tracked.id(), tracked.recommendation(), reason, now);
                    events.add(new IndexDropped(NAME, now, tracked.id(), tracked.recommendation().indexName(),
                            reason));
                }
            }
            return events;
        });
    }

    private ReplyEffect<Event, IndexerState> run(String step, Optional<ActorRef<StatusReply<String>>> replyTo,
                                                 Callable<List<Event>> body) {
        return run(step, replyTo, scanMarks, body);
    }

    /**
     * Runs one step on the blocking executor; its events, and the scan marks it may have updated in
     * {@code marks} (its own copy), come back as a {@link StepDone}.
     */
    private ReplyEffect<Event, IndexerState> run(String step, Optional<ActorRef<StatusReply<String>>> replyTo,
                                                 Map<Long, ScanMark> marks, Callable<List<Event>> body) {
        busy = true;
        BlockingWork.pipeToSelf(context, env.blocking(), body,
                events -> new StepDone(step, events, Map.copyOf(marks), Optional.empty(), replyTo),
                failure -> new StepDone(step, List.of(), scanMarks, Optional.of(message(failure)), replyTo));
        return Effect().noReply();
    }

    private static String message(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private ReplyEffect<Event, IndexerState> onDone(IndexerState state, StepDone done) {
        busy = false;
        scanMarks = done.scanMarks();
        if (done.failure().isPresent()) {
            context.getLog().warn("Indexer {} failed (tried again later): {}", done.step(), done.failure().get());
            return replyOrNot(done.replyTo(), StatusReply.error(done.step() + " failed: " + done.failure().get()));
        }
        if (done.events().isEmpty()) {
            return replyOrNot(done.replyTo(), StatusReply.success("nothing changed"));
        }
        return Effect().persist(done.events())
                .thenRun(updated -> done.events().forEach(event -> context.getLog().info("Indexer: {}", event.summary())))
                .thenReply(done.replyTo().orElse(context.getSystem().ignoreRef()),
                        updated -> StatusReply.success(done.events().get(0).summary()));
    }

    private ReplyEffect<Event, IndexerState> replyOrNot(Optional<ActorRef<StatusReply<String>>> replyTo,
                                                        StatusReply<String> reply) {
        return replyTo.map(r -> Effect().reply(r, reply)).orElseGet(() -> Effect().noReply());
    }

    // ---- people ---------------------------------------------------------------------------------------------

    private ReplyEffect<Event, IndexerState> onApply(IndexerState state, Apply cmd) {
        Optional<Tracked> tracked = state.get(cmd.id());
        if (tracked.isEmpty() || tracked.get().phase() != Phase.RECOMMENDED) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(notAllowed(tracked, cmd.id(), "applied")));
        }
        Instant now = env.clock().instant();
        BuildScheduled event = new BuildScheduled(NAME, now, cmd.id(), tracked.get().recommendation().indexName(),
                now, cmd.by());
        return Effect().persist(event).thenReply(cmd.replyTo(), updated -> StatusReply.success(event.summary()));
    }

    private ReplyEffect<Event, IndexerState> onReject(IndexerState state, Reject cmd) {
        Optional<Tracked> tracked = state.get(cmd.id());
        if (tracked.isEmpty() || !(tracked.get().phase() == Phase.RECOMMENDED
                || tracked.get().phase() == Phase.APPROVED)) {
            return Effect().reply(cmd.replyTo(), StatusReply.error(notAllowed(tracked, cmd.id(), "rejected")));
        }
        Instant now = env.clock().instant();
        RecommendationRejected event = new RecommendationRejected(NAME, now, cmd.id(),
                tracked.get().recommendation().indexName(), cmd.by(), cmd.reason() == null ? "" : cmd.reason());
        return Effect().persist(event)
                .thenRun(updated -> BlockingWork.pipeToSelf(context, env.blocking(), () -> {
                            work.rejected(cmd.id(), cmd.by(), now);
                            return cmd.id();
                        }, id -> new RejectionRecorded(id, Optional.empty()),
                        failure -> new RejectionRecorded(cmd.id(), Optional.of(message(failure)))))
                .thenReply(cmd.replyTo(), updated -> StatusReply.success(event.summary()));
    }

    private ReplyEffect<Event, IndexerState> onRejectionRecorded(RejectionRecorded recorded) {
        recorded.failure().ifPresent(failure -> context.getLog().warn(
                "Recording the rejection of {} in the history failed: {}", recorded.id(), failure));
        return Effect().noReply();
    }

    private static String notAllowed(Optional<Tracked> tracked, long id, String what) {
        return tracked.map(t -> "index recommendation " + id + " is " + t.phase().name().toLowerCase(Locale.ROOT)
                        + ": only a recommended index can be " + what)
                .orElse("no index recommendation " + id);
    }

    private ReplyEffect<Event, IndexerState> onSetMode(IndexerState state, SetMode cmd) {
        context.askWithStatus(Done.class, modeSwitch, Duration.ofSeconds(10),
                replyTo -> new AgentSwitch.SetMode(cmd.mode(), cmd.reason(), replyTo),
                (done, failure) -> {
                    if (failure != null) {
                        cmd.replyTo().tell(StatusReply.error("switching the mode failed: "
                                + message(BlockingWork.cause(failure))));
                        return new ModeRead(mode.orElse(Mode.RECOMMEND_ONLY), Optional.empty());
                    }
                    return new ModeRead(cmd.mode(), Optional.of(cmd.replyTo()));
                });
        return Effect().noReply();
    }

    private AgentStatus status(IndexerState state) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("analyses", state.analyses());
        for (Phase phase : Phase.values()) {
            counters.put(phase.name().toLowerCase(Locale.ROOT), state.count(phase));
        }
        String words = mode.map(m -> m == Mode.AUTOMATIC ? "automatic" : "recommend-only").orElse("starting")
                + ", " + state.count(Phase.KEPT) + " kept, " + state.count(Phase.VERIFYING) + " verifying, "
                + state.count(Phase.RECOMMENDED) + " awaiting a decision";
        Optional<Tracked> latest = state.indexes().values().stream().reduce((a, b) -> b);
        return new AgentStatus(NAME, words, latest.map(t -> t.recommendation().shape() + ": "
                + t.phase().name().toLowerCase(Locale.ROOT)), latest.map(Tracked::recommendedAt), counters);
    }

    @Override
    public EventHandler<IndexerState, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(IndexesAnalyzed.class, (state, e) -> state.analyzed(e.at()))
                .onEvent(IndexRecommended.class, (state, e) -> state.with(new Tracked(e.id(), e.recommendation(),
                        Phase.RECOMMENDED, e.at(), Optional.empty(), Optional.empty(), Optional.empty(), 0)))
                .onEvent(BuildScheduled.class, (state, e) -> update(state, e.id(), t -> t.approved(e.notBefore())))
                .onEvent(IndexCreated.class, (state, e) -> state.get(e.id())
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
