package io.dwpilot.agents.observer;

import com.typesafe.config.Config;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.BlockingWork;
import io.dwpilot.agents.runtime.JsonSerializable;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.persistence.metrics.SystemMetricsRepository;
import io.dwpilot.persistence.metrics.SystemMetricsSampler;
import io.dwpilot.persistence.metrics.SystemSample;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The observer agent: it watches, it does not decide (so it is a plain actor, not event-sourced). It keeps the live
 * {@link WorkloadModel} fed by the gateway's executions (the guardian sends them as {@link Observe}), samples system
 * metrics into {@code metadata.system_metrics} every {@code sample-interval}, and publishes a {@link WorkloadSnapshot}
 * on the workload topic every {@code publish-interval}. Both intervals are wall-clock; the windows of the model are
 * of workload time, so a simulated workload is counted at its simulated time.
 */
public final class Observer {
    public static final String NAME = "observer";

    /** {@code dwpilot.agents.observer}. */
    public record Settings(
            Duration sampleInterval,
            Duration publishInterval,
            int busiestCount,
            int maxFingerprints,
            int latencyWindow,
            int totalLatencyWindow) {
        public Settings {
            positive("sample-interval", sampleInterval);
            positive("publish-interval", publishInterval);
            positive("busiest-count", busiestCount);
            positive("max-fingerprints", maxFingerprints);
            positive("latency-window", latencyWindow);
            positive("total-latency-window", totalLatencyWindow);
        }

        public static Settings fromConfig(Config c) {
            return new Settings(
                    c.getDuration("sample-interval"),
                    c.getDuration("publish-interval"),
                    c.getInt("busiest-count"),
                    c.getInt("max-fingerprints"),
                    c.getInt("latency-window"),
                    c.getInt("total-latency-window"));
        }

        private static void positive(String key, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("dwpilot.agents.observer." + key + " must be positive, got " + d);
            }
        }

        private static void positive(String key, int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("dwpilot.agents.observer." + key + " must be positive, got " + n);
            }
        }
    }

    // ---- protocol -------------------------------------------------------------------------------------------

    public sealed interface Command extends JsonSerializable
            permits Observe,
                    GetSnapshot,
                    GetTotals,
                    GetFingerprint,
                    GetStatus,
                    SampleTick,
                    PublishTick,
                    Sampled,
                    SampleFailed {}

    /** One execution heard from the gateway. */
    public record Observe(QueryExecuted event) implements Command {
        public Observe {
            Objects.requireNonNull(event, "event");
        }
    }

    /** The workload now, as the next published snapshot would show it. */
    public record GetSnapshot(ActorRef<WorkloadSnapshot> replyTo) implements Command {}

    /** The load over all fingerprints, with its arrival series. */
    public record GetTotals(ActorRef<LoadView> replyTo) implements Command {}

    /** One fingerprint's shape and load, if the model holds it. */
    public record GetFingerprint(String fingerprint, ActorRef<FingerprintReply> replyTo) implements Command {
        public GetFingerprint {
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {}

    private enum SampleTick implements Command {
        INSTANCE
    }

    private enum PublishTick implements Command {
        INSTANCE
    }

    private record Sampled(SystemSample sample) implements Command {}

    private record SampleFailed(String error) implements Command {}

    // ---- replies --------------------------------------------------------------------------------------------

    /** Arrivals per bucket of {@code width}, the first bucket starting at {@code start}, oldest first. */
    public record Series(Instant start, Duration width, List<Long> counts) implements JsonSerializable {
        public Series {
            counts = List.copyOf(counts);
        }
    }

    /**
     * A stream's load at {@code at} (workload time): arrivals (all outcomes) of the last minute and 5 minutes,
     * failures (errors and timeouts) and refusals of the last 5 minutes, outcome counters since first seen, the
     * latencies of its recent ok executions, and arrivals per minute (last hour) and per 5 minutes (last day).
     */
    public record LoadView(
            Instant at,
            long arrivalsLastMinute,
            long arrivalsLast5Minutes,
            long failedLast5Minutes,
            long rejectedLast5Minutes,
            long ok,
            long errors,
            long timeouts,
            long rejected,
            LatencySummary recentLatency,
            Series perMinute,
            Series perFiveMinutes)
            implements JsonSerializable {}

    /** A fingerprint as last seen (kind, tables, columns), when it was seen (workload time), and its load. */
    public record FingerprintView(
            String fingerprint,
            String statementKind,
            List<String> tables,
            List<String> columns,
            Instant firstSeen,
            Instant lastSeen,
            LoadView load)
            implements JsonSerializable {
        public FingerprintView {
            tables = List.copyOf(tables);
            columns = List.copyOf(columns);
        }
    }

    /** What {@link GetFingerprint} answers: empty when the fingerprint was never seen or was evicted. */
    public record FingerprintReply(String fingerprint, Optional<FingerprintView> view) implements JsonSerializable {
        public FingerprintReply {
            view = view == null ? Optional.empty() : view;
        }
    }

    // ---- state ----------------------------------------------------------------------------------------------

    /** Everything the observer knows; mutable, owned by the actor, rebuilt from nothing on restart. */
    private static final class State {
        final WorkloadModel model;
        Optional<SystemSample> latestSample = Optional.empty();
        boolean sampling;
        long failureStreak;
        long observed;
        long ignored;
        long samplesSaved;
        long sampleFailures;
        long samplesSkipped;
        long snapshotsPublished;

        State(Settings settings) {
            model = new WorkloadModel(
                    settings.maxFingerprints(), settings.latencyWindow(), settings.totalLatencyWindow());
        }
    }

    // ---- behavior -------------------------------------------------------------------------------------------

    private final ActorContext<Command> context;
    private final AgentEnvironment env;
    private final Settings settings;
    private final SystemMetricsSampler sampler;
    private final SystemMetricsRepository metrics;

    private Observer(ActorContext<Command> context, AgentEnvironment env, Settings settings) {
        this.context = context;
        this.env = env;
        this.settings = settings;
        this.sampler = new SystemMetricsSampler(env.database().systemPool());
        this.metrics = new SystemMetricsRepository(env.database().systemPool());
    }

    public static Behavior<Command> create(AgentEnvironment env) {
        return create(env, Settings.fromConfig(env.settings(NAME)));
    }

    public static Behavior<Command> create(AgentEnvironment env, Settings settings) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(settings, "settings");
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            // named here: Pekko otherwise names the logger after the class on the stack at its first use, which is
            // its own ActorCell when that use is a result piped back from the blocking executor
            context.setLoggerName(Observer.class);
            start(timers, settings);
            context.getSelf().tell(SampleTick.INSTANCE); // a first sample at once, not after a whole interval
            return new Observer(context, env, settings).behavior(new State(settings));
        }));
    }

    private static void start(TimerScheduler<Command> timers, Settings settings) {
        timers.startTimerWithFixedDelay(SampleTick.INSTANCE, SampleTick.INSTANCE, settings.sampleInterval());
        timers.startTimerWithFixedDelay(PublishTick.INSTANCE, PublishTick.INSTANCE, settings.publishInterval());
    }

    private Behavior<Command> behavior(State state) {
        return Behaviors.receive(Command.class)
                .onMessage(Observe.class, cmd -> onObserve(state, cmd.event()))
                .onMessage(GetSnapshot.class, cmd -> reply(cmd.replyTo(), snapshot(state)))
                .onMessage(
                        GetTotals.class,
                        cmd -> reply(
                                cmd.replyTo(), state.model.totals(env.clock().instant())))
                .onMessage(
                        GetFingerprint.class,
                        cmd -> reply(
                                cmd.replyTo(),
                                new FingerprintReply(
                                        cmd.fingerprint(),
                                        state.model.fingerprint(
                                                cmd.fingerprint(), env.clock().instant()))))
                .onMessage(GetStatus.class, cmd -> reply(cmd.replyTo(), status(state)))
                .onMessageEquals(SampleTick.INSTANCE, () -> onSampleTick(state))
                .onMessage(Sampled.class, msg -> onSampled(state, msg.sample()))
                .onMessage(SampleFailed.class, msg -> onSampleFailed(state, msg.error()))
                .onMessageEquals(PublishTick.INSTANCE, () -> onPublishTick(state))
                .build();
    }

    private Behavior<Command> onObserve(State state, QueryExecuted event) {
        // Idempotent and monotonic: the clock follows the simulated time even if nobody else moved it yet.
        if (state.model.record(event, env.clock().instant())) {
            state.observed++;
        } else {
            state.ignored++;
        }
        return Behaviors.same();
    }

    private Behavior<Command> onSampleTick(State state) {
        if (state.sampling) {
            state.samplesSkipped++; // the previous sample is still running (a slow database): never stack them
            return Behaviors.same();
        }
        state.sampling = true;
        Integer poolSize = env.database().sessions().maximumPoolSize();
        Optional<Instant> simulatedAt =
                env.clock().simulated() ? Optional.of(env.clock().instant()) : Optional.empty();
        // Queue length null: the gateway turns statements away after admission-wait and exposes no waiting count.
        BlockingWork.pipeToSelf(
                context,
                env.blocking(),
                () -> sampleAndSave(poolSize, null, simulatedAt),
                Sampled::new,
                cause -> new SampleFailed(cause.toString()));
        return Behaviors.same();
    }

    private SystemSample sampleAndSave(Integer poolSize, Integer queueLength, Optional<Instant> simulatedAt)
            throws SQLException {
        SystemSample sample = sampler.sample(poolSize, queueLength, simulatedAt);
        metrics.save(sample);
        return sample;
    }

    private Behavior<Command> onSampled(State state, SystemSample sample) {
        state.sampling = false;
        state.latestSample = Optional.of(sample);
        state.samplesSaved++;
        if (state.failureStreak > 0) {
            context.getLog().info("System metrics sampling works again after {} failed attempts", state.failureStreak);
            state.failureStreak = 0;
        }
        return Behaviors.same();
    }

    private Behavior<Command> onSampleFailed(State state, String error) {
        state.sampling = false;
        state.sampleFailures++;
        if (state.failureStreak++ == 0) { // once per streak: a database away for an hour is one line, not 720
            context.getLog()
                    .warn(
                            "System metrics sampling failed, retrying every {} ms: {}",
                            settings.sampleInterval().toMillis(),
                            error);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onPublishTick(State state) {
        env.workloadTopic().tell(Topic.publish(snapshot(state)));
        state.snapshotsPublished++;
        return Behaviors.same();
    }

    private WorkloadSnapshot snapshot(State state) {
        return state.model.snapshot(
                env.clock().instant(),
                settings.busiestCount(),
                env.gateway().stats().running(),
                state.latestSample);
    }

    private static AgentStatus status(State state) {
        String words = "watching " + state.model.fingerprints() + " fingerprints"
                + (state.failureStreak > 0 ? "; metrics sampling failing" : "");
        return new AgentStatus(
                NAME,
                words,
                Optional.empty(),
                Optional.empty(),
                Map.of(
                        "observed", state.observed,
                        "ignored", state.ignored,
                        "evicted", state.model.evicted(),
                        "samples_saved", state.samplesSaved,
                        "sample_failures", state.sampleFailures,
                        "samples_skipped", state.samplesSkipped,
                        "snapshots_published", state.snapshotsPublished));
    }

    private static <T> Behavior<Command> reply(ActorRef<T> replyTo, T message) {
        replyTo.tell(message);
        return Behaviors.same();
    }
}
