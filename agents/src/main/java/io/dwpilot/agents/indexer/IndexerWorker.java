package io.dwpilot.agents.indexer;

import io.dwpilot.agents.indexer.Indexer.BuildScheduled;
import io.dwpilot.agents.indexer.Indexer.Event;
import io.dwpilot.agents.indexer.Indexer.IndexBuildFailed;
import io.dwpilot.agents.indexer.Indexer.IndexCreated;
import io.dwpilot.agents.indexer.Indexer.IndexDropped;
import io.dwpilot.agents.indexer.Indexer.IndexKept;
import io.dwpilot.agents.indexer.Indexer.IndexRecommended;
import io.dwpilot.agents.indexer.Indexer.IndexReverted;
import io.dwpilot.agents.indexer.Indexer.IndexesAnalyzed;
import io.dwpilot.agents.indexer.IndexerState.Phase;
import io.dwpilot.agents.indexer.IndexerState.Tracked;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.AgentSwitch;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.BlockingWork;
import io.dwpilot.agents.runtime.Cadence;
import io.dwpilot.models.verify.Verdict;
import io.dwpilot.models.verify.Verification;
import io.dwpilot.persistence.indexing.BuildResult;
import io.dwpilot.persistence.indexing.IndexBuildException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexer's hands: on each tick the journaled {@link Indexer} hands it its state, and it runs the one step of
 * database work that is due (cleanup, build, verification, unused check or analysis) on the blocking executor and
 * hands the events back to be journaled. What it watches (the mode, which step runs, when it last verified, the scan
 * counts of kept indexes) is not decided and starts over after a restart; it lives in the worker's behavior, never
 * in mutable fields.
 */
final class IndexerWorker {
    private static final Logger LOG = LoggerFactory.getLogger(IndexerWorker.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);

    /** The worker's protocol: from the indexer, and its own work coming back. */
    sealed interface Message
            permits Due,
                    Analyze,
                    SetMode,
                    GetMode,
                    GetStatus,
                    Journaled,
                    RecordRejection,
                    ModeRead,
                    StepDone,
                    RejectionRecorded {}

    /** A tick: the state to look for due work in. */
    record Due(IndexerState state) implements Message {}

    /** Analyze now, whatever the cadence. */
    record Analyze(IndexerState state, ActorRef<StatusReply<String>> replyTo) implements Message {}

    record SetMode(Mode mode, String reason, ActorRef<StatusReply<Mode>> replyTo) implements Message {}

    record GetMode(ActorRef<Mode> replyTo) implements Message {}

    record GetStatus(IndexerState state, ActorRef<AgentStatus> replyTo) implements Message {}

    /** The indexer journaled what the last step found, or recovered: the next step may start. */
    record Journaled() implements Message {}

    /** Keep the optimization history in step with a rejection the indexer journaled. */
    record RecordRejection(long id, String by, Instant at) implements Message {}

    private record ModeRead(Mode mode, Optional<ActorRef<StatusReply<Mode>>> replyTo) implements Message {}

    private record StepDone(
            String step,
            List<Event> events,
            Map<Long, ScanMark> scanMarks,
            Optional<String> failure,
            Optional<ActorRef<StatusReply<String>>> replyTo)
            implements Message {}

    private record RejectionRecorded(long id, Optional<String> failure) implements Message {}

    /** How many scans had used a kept index when first seen at that count. */
    record ScanMark(long scans, Instant since) {}

    /**
     * What the worker watches: the mode (empty until the switch answered), whether a step runs, whether the INVALID
     * indexes were cleaned up, when the unused check last ran, each index's last verification, and the scan marks.
     */
    private record Watch(
            Optional<Mode> mode,
            boolean busy,
            boolean invalidCleaned,
            Optional<Instant> lastUnusedCheck,
            Map<Long, Instant> lastVerification,
            Map<Long, ScanMark> scanMarks) {
        static Watch initial() {
            return new Watch(Optional.empty(), false, false, Optional.empty(), Map.of(), Map.of());
        }

        Watch withMode(Mode next) {
            return new Watch(Optional.of(next), busy, invalidCleaned, lastUnusedCheck, lastVerification, scanMarks);
        }

        Watch busy(boolean next) {
            return new Watch(mode, next, invalidCleaned, lastUnusedCheck, lastVerification, scanMarks);
        }

        Watch cleaned() {
            return new Watch(mode, busy, true, lastUnusedCheck, lastVerification, scanMarks);
        }

        Watch unusedChecked(Instant at) {
            return new Watch(mode, busy, invalidCleaned, Optional.of(at), lastVerification, scanMarks);
        }

        Watch verified(long id, Instant at) {
            Map<Long, Instant> next = new HashMap<>(lastVerification);
            next.put(id, at);
            return new Watch(mode, busy, invalidCleaned, lastUnusedCheck, Map.copyOf(next), scanMarks);
        }

        Watch withScanMarks(Map<Long, ScanMark> next) {
            return new Watch(mode, busy, invalidCleaned, lastUnusedCheck, lastVerification, next);
        }

        boolean automatic() {
            return mode.orElse(Mode.RECOMMEND_ONLY) == Mode.AUTOMATIC;
        }
    }

    private final ActorContext<Message> context;
    private final AgentEnvironment env;
    private final IndexerSettings settings;
    private final IndexerWork work;
    private final ActorRef<Indexer.Command> indexer;
    private final ActorRef<AgentSwitch.Command> modeSwitch;
    private final Cadence analysisCadence;
    private final Cadence unusedCadence;

    private IndexerWorker(
            ActorContext<Message> context,
            AgentEnvironment env,
            IndexerSettings settings,
            ActorRef<Indexer.Command> indexer,
            ActorRef<AgentSwitch.Command> modeSwitch) {
        this.context = context;
        this.env = env;
        this.settings = settings;
        this.work = new IndexerWork(env.database(), settings);
        this.indexer = indexer;
        this.modeSwitch = modeSwitch;
        this.analysisCadence = new Cadence(settings.interval());
        this.unusedCadence = new Cadence(settings.interval());
    }

    static Behavior<Message> create(
            AgentEnvironment env,
            IndexerSettings settings,
            ActorRef<Indexer.Command> indexer,
            ActorRef<AgentSwitch.Command> modeSwitch) {
        return Behaviors.setup(context -> {
            context.ask(
                    AgentSwitch.ModeView.class,
                    modeSwitch,
                    ASK_TIMEOUT,
                    AgentSwitch.GetMode::new,
                    (view, failure) -> new ModeRead(
                            view == null ? Mode.RECOMMEND_ONLY : view.changes() == 0 ? settings.mode() : view.mode(),
                            Optional.empty()));
            return new IndexerWorker(context, env, settings, indexer, modeSwitch).watching(Watch.initial());
        });
    }

    private Behavior<Message> watching(Watch watch) {
        return Behaviors.receive(Message.class)
                .onMessage(Due.class, due -> onDue(watch, due.state()))
                .onMessage(Analyze.class, cmd -> {
                    if (watch.busy()) {
                        cmd.replyTo().tell(StatusReply.error("the indexer is busy with another step; try again"));
                        return Behaviors.same();
                    }
                    return analyze(watch, cmd.state(), Optional.of(cmd.replyTo()));
                })
                .onMessage(StepDone.class, done -> onDone(watch, done))
                .onMessage(Journaled.class, journaled -> watching(watch.busy(false)))
                .onMessage(SetMode.class, cmd -> onSetMode(watch, cmd))
                .onMessage(ModeRead.class, read -> {
                    read.replyTo().ifPresent(r -> r.tell(StatusReply.success(read.mode())));
                    return watching(watch.withMode(read.mode()));
                })
                .onMessage(GetMode.class, cmd -> {
                    cmd.replyTo().tell(watch.mode().orElse(Mode.RECOMMEND_ONLY));
                    return Behaviors.same();
                })
                .onMessage(GetStatus.class, cmd -> {
                    cmd.replyTo().tell(Indexer.status(cmd.state(), watch.mode()));
                    return Behaviors.same();
                })
                .onMessage(RecordRejection.class, this::onRecordRejection)
                .onMessage(RejectionRecorded.class, recorded -> {
                    recorded.failure()
                            .ifPresent(failure -> context.getLog()
                                    .warn(
                                            "Recording the rejection of {} in the history failed: {}",
                                            recorded.id(),
                                            failure));
                    return Behaviors.same();
                })
                .build();
    }

    // ---- one step of database work at a time ------------------------------------------------------------------

    private Behavior<Message> onDue(Watch watch, IndexerState state) {
        if (watch.busy() || watch.mode().isEmpty()) {
            return Behaviors.same();
        }
        Instant now = env.clock().instant();
        if (!watch.invalidCleaned()) {
            return run(watch.cleaned(), "cleanup", Optional.empty(), () -> {
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
            return build(watch, due.get(), now);
        }
        Optional<Tracked> verifying = state.inPhase(Phase.VERIFYING).stream()
                .filter(t -> verificationDue(watch, t, now))
                .findFirst();
        if (verifying.isPresent()) {
            return verify(watch.verified(verifying.get().id(), now), verifying.get(), now);
        }
        if (!state.inPhase(Phase.KEPT).isEmpty() && unusedCadence.due(watch.lastUnusedCheck(), now)) {
            return checkUnused(watch.unusedChecked(now), state.inPhase(Phase.KEPT), now);
        }
        if (analysisCadence.due(state.lastAnalysisAt(), now)) {
            return analyze(watch, state, Optional.empty());
        }
        return Behaviors.same();
    }

    private boolean verificationDue(Watch watch, Tracked tracked, Instant now) {
        Instant built = tracked.builtAt().orElseThrow();
        Instant last = watch.lastVerification().getOrDefault(tracked.id(), built);
        return !now.isBefore(last.plus(settings.verifyAfter()));
    }

    private Behavior<Message> analyze(
            Watch watch, IndexerState state, Optional<ActorRef<StatusReply<String>>> replyTo) {
        Instant now = env.clock().instant();
        long used = state.usedBytes();
        double calibration = state.sizeCalibration();
        Set<String> known = state.knownNames();
        boolean automatic = watch.automatic();
        return run(watch, "analysis", replyTo, () -> {
            IndexerWork.Analysis analysis = work.analyze(now, used, calibration, known);
            List<Event> events = new ArrayList<>();
            events.add(IndexesAnalyzed.of(analysis));
            Instant buildAt = automatic && !analysis.recommended().isEmpty() ? work.buildTime(now) : now;
            analysis.recommended().forEach((id, recommendation) -> {
                events.add(new IndexRecommended(Indexer.NAME, now, id, recommendation));
                if (automatic) {
                    events.add(new BuildScheduled(
                            Indexer.NAME,
                            now,
                            id,
                            recommendation.indexName(),
                            buildAt,
                            "the indexer (automatic mode)"));
                }
            });
            return events;
        });
    }

    private Behavior<Message> build(Watch watch, Tracked tracked, Instant now) {
        IndexRecommendation recommendation = tracked.recommendation();
        return run(watch, "build", Optional.empty(), () -> {
            try {
                BuildResult result = work.build(tracked.id(), recommendation, now);
                return List.of(new IndexCreated(
                        Indexer.NAME,
                        env.clock().instant(),
                        tracked.id(),
                        recommendation.indexName(),
                        now,
                        recommendation.estimatedBytes(),
                        result.sizeBytes(),
                        result.took().toMillis()));
            } catch (IndexBuildException e) {
                work.buildFailed(tracked.id(), e.getMessage(), now);
                return List.of(new IndexBuildFailed(
                        Indexer.NAME, now, tracked.id(), recommendation.indexName(), e.getMessage()));
            }
        });
    }

    private Behavior<Message> verify(Watch watch, Tracked tracked, Instant now) {
        IndexRecommendation recommendation = tracked.recommendation();
        boolean deadline = !now.isBefore(tracked.builtAt().orElseThrow().plus(settings.verifyDeadline()));
        return run(watch, "verification", Optional.empty(), () -> {
            if (work.scans(recommendation).isEmpty()) {
                return List.of(new IndexDropped(
                        Indexer.NAME,
                        now,
                        tracked.id(),
                        recommendation.indexName(),
                        "it no longer exists (dropped by someone else)"));
            }
            Verification verification = work.verify(
                    recommendation,
                    tracked.buildStartedAt().orElseThrow(),
                    tracked.builtAt().orElseThrow(),
                    now);
            if (verification.verdict() == Verdict.INCONCLUSIVE && !deadline) {
                return List.of();
            }
            boolean keep = verification.verdict() != Verdict.REVERT;
            String reason = verification.verdict() == Verdict.INCONCLUSIVE
                    ? "too few executions to judge by the deadline; kept, and dropped later if it goes unused ("
                            + verification.reason() + ")"
                    : verification.reason();
            work.settle(tracked.id(), recommendation, verification, keep, now);
            return List.of(
                    keep
                            ? new IndexKept(
                                    Indexer.NAME,
                                    now,
                                    tracked.id(),
                                    recommendation.indexName(),
                                    verification.weightedGain(),
                                    reason)
                            : new IndexReverted(
                                    Indexer.NAME,
                                    now,
                                    tracked.id(),
                                    recommendation.indexName(),
                                    verification.weightedGain(),
                                    reason));
        });
    }

    private Behavior<Message> checkUnused(Watch watch, List<Tracked> kept, Instant now) {
        Map<Long, ScanMark> marks = new HashMap<>(watch.scanMarks()); // the step's own copy
        return run(watch, "unused check", Optional.empty(), marks, () -> {
            List<Event> events = new ArrayList<>();
            for (Tracked tracked : kept) {
                Optional<Long> scans = work.scans(tracked.recommendation());
                ScanMark mark = marks.get(tracked.id());
                if (scans.isEmpty()) {
                    events.add(new IndexDropped(
                            Indexer.NAME,
                            now,
                            tracked.id(),
                            tracked.recommendation().indexName(),
                            "it no longer exists (dropped by someone else)"));
                } else if (mark == null || scans.get() > mark.scans() || now.isBefore(mark.since())) {
                    marks.put(tracked.id(), new ScanMark(scans.get(), now));
                } else if (!now.isBefore(mark.since().plus(settings.unusedAfter()))) {
                    String reason =
                            "no scan used it since " + mark.since() + " (unused for " + settings.unusedAfter() + ")";
                    work.dropUnused(tracked.id(), tracked.recommendation(), reason, now);
                    events.add(new IndexDropped(
                            Indexer.NAME,
                            now,
                            tracked.id(),
                            tracked.recommendation().indexName(),
                            reason));
                }
            }
            return events;
        });
    }

    private Behavior<Message> run(
            Watch watch, String step, Optional<ActorRef<StatusReply<String>>> replyTo, Callable<List<Event>> body) {
        return run(watch, step, replyTo, watch.scanMarks(), body);
    }

    /**
     * Runs one step on the blocking executor; its events, and the scan marks it may have updated in {@code marks},
     * come back as a {@link StepDone}. The worker stays busy until they are journaled.
     */
    private Behavior<Message> run(
            Watch watch,
            String step,
            Optional<ActorRef<StatusReply<String>>> replyTo,
            Map<Long, ScanMark> marks,
            Callable<List<Event>> body) {
        BlockingWork.pipeToSelf(
                context,
                env.blocking(),
                body,
                events -> new StepDone(step, events, Map.copyOf(marks), Optional.empty(), replyTo),
                failure -> new StepDone(step, List.of(), watch.scanMarks(), Optional.of(message(failure)), replyTo));
        return watching(watch.busy(true));
    }

    private Behavior<Message> onDone(Watch watch, StepDone done) {
        Watch next = watch.withScanMarks(done.scanMarks());
        if (done.failure().isPresent()) {
            context.getLog()
                    .warn(
                            "Indexer {} failed (tried again later): {}",
                            done.step(),
                            done.failure().get());
            done.replyTo()
                    .ifPresent(r -> r.tell(StatusReply.error(
                            done.step() + " failed: " + done.failure().get())));
            return watching(next.busy(false));
        }
        if (done.events().isEmpty()) {
            done.replyTo().ifPresent(r -> r.tell(StatusReply.success("nothing changed")));
            return watching(next.busy(false));
        }
        indexer.tell(new Indexer.Journal(done.events(), done.replyTo()));
        return watching(next);
    }

    // ---- the mode and the history -------------------------------------------------------------------------------

    private Behavior<Message> onSetMode(Watch watch, SetMode cmd) {
        context.askWithStatus(
                Done.class,
                modeSwitch,
                ASK_TIMEOUT,
                replyTo -> new AgentSwitch.SetMode(cmd.mode(), cmd.reason(), replyTo),
                (done, failure) -> {
                    if (failure != null) {
                        cmd.replyTo()
                                .tell(StatusReply.error(
                                        "switching the mode failed: " + message(BlockingWork.cause(failure))));
                        return new ModeRead(watch.mode().orElse(Mode.RECOMMEND_ONLY), Optional.empty());
                    }
                    return new ModeRead(cmd.mode(), Optional.of(cmd.replyTo()));
                });
        return Behaviors.same();
    }

    private Behavior<Message> onRecordRejection(RecordRejection cmd) {
        BlockingWork.pipeToSelf(
                context,
                env.blocking(),
                () -> {
                    work.rejected(cmd.id(), cmd.by(), cmd.at());
                    return cmd.id();
                },
                id -> new RejectionRecorded(id, Optional.empty()),
                failure -> new RejectionRecorded(cmd.id(), Optional.of(message(failure))));
        return Behaviors.same();
    }

    private static String message(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
