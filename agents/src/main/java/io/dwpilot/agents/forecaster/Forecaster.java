package io.dwpilot.agents.forecaster;

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
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.persistence.observations.ForecastRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The forecaster agent: forecasts query arrivals per 5-minute bucket for the next hours, for the total and for the
 * busiest fingerprints, with the better of seasonal naive and Holt-Winters (daily season) on the most recent day,
 * stores the forecasts in {@code metadata.forecasts} and journals each one as a {@link ForecastPublished} decision
 * with the error of the target's previous forecast.
 *
 * <p>Schedule: a wall-clock tick asks a {@link Cadence} of {@code interval} workload time whether the current slot
 * (the interval-long period, aligned to the epoch, holding the workload clock's now) is newer than the last slot
 * handled. A slot is handled once: its forecasts are stamped with the slot ({@code made_at}), the slot is in the
 * journaled state (so a restart never forecasts a handled slot again), and a round that ran again for a slot (a
 * crash between storing and journaling) replaces that slot's stored forecast. One round runs at a time, off the
 * actor on the blocking executor; a failed round (database down) is logged and retried at the next tick.
 */
public final class Forecaster
        extends EventSourcedBehaviorWithEnforcedReplies<Forecaster.Command, Forecaster.Event, Forecaster.State> {
    public static final String NAME = "forecaster";
    /** Entity type, the first part of the persistence id ({@code Forecaster|forecaster}). */
    public static final String ENTITY_TYPE = "Forecaster";

    public static final PersistenceId PERSISTENCE_ID = PersistenceId.of(ENTITY_TYPE, NAME);
    static final int SNAPSHOT_EVERY = 100;
    private static final String TICK = "tick";

    // ---- protocol -------------------------------------------------------------------------------------------

    /** The forecaster's protocol: what others may send it. */
    public sealed interface Command extends JsonSerializable permits GetStatus, GetLatest, ForecastNow, Internal {}

    /** What the forecaster sends itself: its tick and the rounds it handed over coming back; not for others. */
    sealed interface Internal extends Command permits Tick, RoundDone, RoundFailed {}

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {}

    /** The newest published forecast of a target ({@code total} or a fingerprint) of the last round. */
    public record GetLatest(String target, ActorRef<Optional<ForecastPublished>> replyTo) implements Command {}

    /**
     * Forecasts now, whatever the cadence says (for tests and experiments). It runs for the current slot; when that
     * slot was already forecast, the stored forecast is replaced and another event journaled. Sent while a round
     * runs, it waits for that round and then runs its own. Replies once the events are persisted, or with the
     * round's error.
     */
    public record ForecastNow(ActorRef<StatusReply<RoundReport>> replyTo) implements Command {}

    enum Tick implements Internal {
        INSTANCE
    }

    record RoundDone(RoundReport report, Optional<ActorRef<StatusReply<RoundReport>>> replyTo) implements Internal {}

    record RoundFailed(String reason, Optional<ActorRef<StatusReply<RoundReport>>> replyTo) implements Internal {}

    /** What one round found: a forecast per target with enough history, or that even the total is warming up. */
    public record RoundReport(Instant slot, List<ForecastPublished> published, Optional<WarmingUp> warmingUp)
            implements JsonSerializable {
        public RoundReport {
            published = List.copyOf(published);
            warmingUp = warmingUp == null ? Optional.empty() : warmingUp;
        }

        List<Event> events() {
            List<Event> events = new ArrayList<>(published);
            warmingUp.ifPresent(events::add);
            return events;
        }
    }

    // ---- events ---------------------------------------------------------------------------------------------

    public sealed interface Event extends JsonSerializable permits ForecastPublished, WarmingUp {
        /** The schedule slot of the round that produced the event. */
        Instant slot();
    }

    /**
     * One target's forecast, as stored with {@code made_at = slot}: the model chosen, every candidate's MAE on the
     * holdout day, the history it was fitted on, {@code horizonBuckets} buckets from {@code firstBucket}, the peak,
     * the arrivals predicted over the next hour, and the MAPE (buckets with arrivals only) and MAE of the target's
     * previous forecast over the buckets that have since become known (empty for a first forecast).
     */
    public record ForecastPublished(
            String agent,
            Instant at,
            Instant slot,
            String target,
            String model,
            Map<String, Double> holdoutMae,
            int historyBuckets,
            int horizonBuckets,
            Instant firstBucket,
            double peak,
            Instant peakBucket,
            double nextHour,
            Optional<Double> recentMape,
            Optional<Double> recentMae)
            implements Event, AgentDecision {
        public ForecastPublished {
            holdoutMae = Map.copyOf(holdoutMae);
            recentMape = recentMape == null ? Optional.empty() : recentMape;
            recentMae = recentMae == null ? Optional.empty() : recentMae;
        }

        @Override
        public DecisionKind kind() {
            return DecisionKind.FORECAST_PUBLISHED;
        }

        @Override
        public String channel() {
            return "forecast";
        }

        @Override
        public String summary() {
            StringBuilder candidates = new StringBuilder();
            new TreeMap<>(holdoutMae)
                    .forEach((name, mae) -> candidates
                            .append(candidates.isEmpty() ? "" : ", ")
                            .append(name)
                            .append(' ')
                            .append(format("%.2f", mae)));
            String recent = recentMape
                            .map(m -> "last forecast MAPE " + format("%.1f%%", 100 * m) + ", ")
                            .orElse("")
                    + recentMae.map(m -> "MAE " + format("%.2f", m)).orElse("first forecast");
            return format(
                    "%s: peak %.1f arrivals/5 min at %s, %.0f in the next hour; %s chosen (holdout MAE %s); %s",
                    label(target), peak, peakBucket, nextHour, model, candidates, recent);
        }

        private static String label(String target) {
            return ForecastRound.TOTAL.equals(target)
                    ? "total"
                    : "fingerprint " + target.substring(0, Math.min(12, target.length()));
        }

        private static String format(String pattern, Object... args) {
            return String.format(Locale.ROOT, pattern, args);
        }
    }

    /** A round with too little history even for the total: not a decision (untagged), it only marks the slot. */
    public record WarmingUp(String agent, Instant at, Instant slot, int buckets, int needed) implements Event {}

    // ---- state ----------------------------------------------------------------------------------------------

    /**
     * The last slot handled, forecasts published since the journal began, the last round's forecast per target,
     * and whether the last round was still warming up.
     */
    public record State(
            Optional<Instant> lastRoundAt,
            long forecastsPublished,
            Map<String, ForecastPublished> latest,
            Optional<WarmingUp> warmingUp)
            implements JsonSerializable {
        public State {
            lastRoundAt = lastRoundAt == null ? Optional.empty() : lastRoundAt;
            latest = Map.copyOf(latest);
            warmingUp = warmingUp == null ? Optional.empty() : warmingUp;
        }

        public static State initial() {
            return new State(Optional.empty(), 0, Map.of(), Optional.empty());
        }

        State apply(ForecastPublished event) {
            // a new slot starts a new set of latest forecasts, so targets no longer busy drop out
            Map<String, ForecastPublished> next =
                    lastRoundAt.filter(event.slot()::equals).isPresent() ? new HashMap<>(latest) : new HashMap<>();
            next.put(event.target(), event);
            return new State(Optional.of(event.slot()), forecastsPublished + 1, next, Optional.empty());
        }

        State apply(WarmingUp event) {
            return new State(Optional.of(event.slot()), forecastsPublished, latest, Optional.of(event));
        }

        /** The total's forecast of the last round, or else its newest one. */
        Optional<ForecastPublished> lastDecision() {
            return Optional.ofNullable(latest.get(ForecastRound.TOTAL))
                    .or(() -> latest.values().stream().max(Comparator.comparing(ForecastPublished::at)));
        }

        String describe(Duration interval) {
            if (warmingUp.isPresent()) {
                return "warming up: " + warmingUp.get().buckets() + " of "
                        + warmingUp.get().needed() + " buckets";
            }
            if (latest.isEmpty()) {
                return "waiting for the first forecast";
            }
            return "forecasting " + latest.size() + (latest.size() == 1 ? " target" : " targets") + " every "
                    + interval.toMinutes() + " min of workload time";
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final ForecasterSettings settings;
    private final Cadence cadence;
    private final Clock clock;
    private final Executor blocking;
    private final ForecastRound round;

    private Forecaster(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            AgentEnvironment env,
            ForecasterSettings settings) {
        super(PERSISTENCE_ID, PersistFailure.BACKOFF);
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.cadence = new Cadence(settings.interval());
        this.clock = env.clock();
        this.blocking = env.blocking();
        this.round = new ForecastRound(
                new ArrivalHistory(env.database().systemPool()),
                new ForecastRepository(env.database().systemPool()),
                settings,
                () -> env.gateway().models().get(ModelKind.FORECAST).map(ActiveModels.Serving::model));
    }

    /** The forecaster with its settings from {@code dwpilot.agents.forecaster}. */
    public static Behavior<Command> create(AgentEnvironment env) {
        return create(env, ForecasterSettings.fromConfig(env.settings(NAME)));
    }

    public static Behavior<Command> create(AgentEnvironment env, ForecasterSettings settings) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(settings, "settings");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(TICK, Tick.INSTANCE, settings.tick());
            return new Forecaster(context, timers, env, settings);
        }));
    }

    @Override
    public State emptyState() {
        return State.initial();
    }

    @Override
    public CommandHandlerWithReply<Command, Event, State> commandHandler() {
        return newCommandHandlerWithReplyBuilder()
                .forAnyState()
                .onCommand(Tick.class, this::onTick)
                .onCommand(ForecastNow.class, this::onForecastNow)
                .onCommand(RoundDone.class, this::onRoundDone)
                .onCommand(RoundFailed.class, this::onRoundFailed)
                .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), status(state)))
                .onCommand(
                        GetLatest.class,
                        (state, cmd) -> Effect()
                                .reply(
                                        cmd.replyTo(),
                                        Optional.ofNullable(state.latest().get(cmd.target()))))
                .build();
    }

    private ReplyEffect<Event, State> onTick(State state, Tick tick) {
        // ticks stashed during recovery arrive even after the timer was cancelled: a round may be running
        if (!roundRunning() && cadence.due(state.lastRoundAt(), clock.instant())) {
            startRound(Optional.empty());
        }
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onForecastNow(State state, ForecastNow cmd) {
        if (roundRunning()) {
            return Effect().stash();
        }
        startRound(Optional.of(cmd.replyTo()));
        return Effect().noReply();
    }

    private ReplyEffect<Event, State> onRoundDone(State state, RoundDone done) {
        RoundReport report = done.report();
        return Effect()
                .persist(report.events())
                .thenRun(s -> {
                    context.getLog()
                            .info(
                                    "forecast round {}: {} target(s) published{}",
                                    report.slot(),
                                    report.published().size(),
                                    report.warmingUp().map(w -> ", warming up").orElse(""));
                    done.replyTo().ifPresent(r -> r.tell(StatusReply.success(report)));
                    resumeTicks();
                })
                .thenNoReply()
                .thenUnstashAll();
    }

    private ReplyEffect<Event, State> onRoundFailed(State state, RoundFailed failed) {
        context.getLog().warn("forecast round failed, retrying at the next due tick: {}", failed.reason());
        return Effect()
                .none()
                .thenRun(s -> {
                    failed.replyTo().ifPresent(r -> r.tell(StatusReply.error(failed.reason())));
                    resumeTicks();
                })
                .thenNoReply()
                .thenUnstashAll();
    }

    /** A round runs off the actor; the tick is paused meanwhile, so its absence says a round is running. */
    private boolean roundRunning() {
        return !timers.isTimerActive(TICK);
    }

    private void startRound(Optional<ActorRef<StatusReply<RoundReport>>> replyTo) {
        timers.cancel(TICK);
        Instant at = clock.instant();
        Instant slot = ForecastRound.floor(at, settings.interval());
        BlockingWork.pipeToSelf(
                context,
                blocking,
                () -> round.run(at, slot),
                report -> new RoundDone(report, replyTo),
                cause -> new RoundFailed(cause.getClass().getSimpleName() + ": " + cause.getMessage(), replyTo));
    }

    private void resumeTicks() {
        timers.startTimerWithFixedDelay(TICK, Tick.INSTANCE, settings.tick());
    }

    private AgentStatus status(State state) {
        Optional<ForecastPublished> last = state.lastDecision();
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("forecasts_published", state.forecastsPublished());
        counters.put("targets", (long) state.latest().size());
        last.flatMap(ForecastPublished::recentMape)
                .ifPresent(m -> counters.put("recent_mape_x100", Math.round(100 * m)));
        return new AgentStatus(
                NAME,
                state.describe(settings.interval()),
                last.map(ForecastPublished::summary),
                last.map(ForecastPublished::at),
                counters);
    }

    @Override
    public EventHandler<State, Event> eventHandler() {
        return newEventHandlerBuilder()
                .forAnyState()
                .onEvent(ForecastPublished.class, State::apply)
                .onEvent(WarmingUp.class, State::apply)
                .build();
    }

    @Override
    public Set<String> tagsFor(Event event) {
        return event instanceof AgentDecision ? AgentDecision.tags(NAME) : Set.of();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(SNAPSHOT_EVERY, 2);
    }
}
