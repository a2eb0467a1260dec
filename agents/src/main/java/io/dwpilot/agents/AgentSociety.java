package io.dwpilot.agents;

import com.typesafe.config.Config;
import io.dwpilot.agents.AgentGuardian.Roster;
import io.dwpilot.agents.anomaly.AnomalyWatcher;
import io.dwpilot.agents.forecaster.Forecaster;
import io.dwpilot.agents.governor.Governor;
import io.dwpilot.agents.indexer.AnalysisRegistry;
import io.dwpilot.agents.indexer.AnalysisRun;
import io.dwpilot.agents.indexer.Indexer;
import io.dwpilot.agents.indexer.IndexerControls;
import io.dwpilot.agents.observer.Observer;
import io.dwpilot.agents.runtime.AgentDirectory;
import io.dwpilot.agents.runtime.AgentEnvironment;
import io.dwpilot.agents.runtime.AgentStatus;
import io.dwpilot.agents.runtime.AgentSwitch.Mode;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.agents.trainer.Trainer;
import io.dwpilot.agents.trainer.TrainerControls;
import io.dwpilot.gateway.QueryExecuted;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * The running agent society as the rest of dwpilot sees it: spawns the {@link AgentGuardian} under a parent actor,
 * routes the gateway's executions to the agents that watch them (and moves the workload clock with the simulated
 * time they carry), and answers the API's questions about the agents. The query path only ever does a {@code tell}:
 * a slow or failing agent never slows a query.
 */
public final class AgentSociety implements AgentDirectory, IndexerControls, TrainerControls, AutoCloseable {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration ANALYSIS_TIMEOUT = Duration.ofMinutes(10);
    /** How long stopping the agents may take before the caller goes on without them. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final ActorSystem<?> system;
    private final WorkloadClock clock;
    private final boolean followWorkload;
    private final AtomicReference<Roster> roster = new AtomicReference<>();
    private final ActorRef<AgentGuardian.Command> guardian;
    /** An analysis plans every candidate: it may take minutes on a big workload, so the API does not wait for it. */
    private final AnalysisRegistry analyses =
            new AnalysisRegistry(() -> askIndexer(Indexer.AnalyzeNow::new, ANALYSIS_TIMEOUT), Clock.systemUTC());

    private AgentSociety(
            ActorContext<?> parent, Config config, Database database, QueryGateway gateway, WorkloadClock clock) {
        this.system = parent.getSystem();
        this.clock = clock;
        String clockSetting = config.getString("dwpilot.agents.clock");
        if (!clockSetting.equals("workload") && !clockSetting.equals("system")) {
            throw new IllegalArgumentException(
                    "dwpilot.agents.clock must be \"workload\" or \"system\", got \"" + clockSetting + "\"");
        }
        this.followWorkload = clockSetting.equals("workload");
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("dwpilot.blocking-dispatcher"));
        this.guardian = parent.spawn(
                AgentGuardian.create(
                        topic -> new AgentEnvironment(config, database, gateway, clock, blocking, topic), roster::set),
                "agents");
        gateway.subscribe(this::onExecuted);
    }

    /**
     * Spawns the agents as a child of {@code parent} (the actor system's guardian, on its own thread), whose system
     * must carry the journal configuration ({@code JournalConfig.overlay}) and the dispatcher
     * {@code dwpilot.blocking-dispatcher}.
     */
    public static AgentSociety start(ActorContext<?> parent, Config config, Database database, QueryGateway gateway) {
        return start(parent, config, database, gateway, WorkloadClock.system());
    }

    /** The same on a given clock, e.g. one already set to where a simulated workload stands. */
    public static AgentSociety start(
            ActorContext<?> parent, Config config, Database database, QueryGateway gateway, WorkloadClock clock) {
        return new AgentSociety(parent, config, database, gateway, clock);
    }

    /** The agents' clock. */
    public WorkloadClock clock() {
        return clock;
    }

    private void onExecuted(QueryExecuted executed) {
        if (followWorkload) {
            executed.simulatedAt().ifPresent(clock::observe);
        }
        Roster current = roster.get();
        if (current != null) {
            current.observer().tell(new Observer.Observe(executed));
            current.anomalyWatcher().tell(new AnomalyWatcher.Observe(executed));
        }
    }

    /** The current agents, once the guardian has spawned them. */
    public CompletionStage<Roster> roster() {
        return AskPattern.ask(guardian, AgentGuardian.GetRoster::new, ASK_TIMEOUT, system.scheduler());
    }

    @Override
    public CompletionStage<List<AgentStatus>> statuses() {
        return roster().thenCompose(r -> {
            List<CompletableFuture<AgentStatus>> asks = new ArrayList<>();
            asks.add(status(Observer.NAME, replyTo -> new Observer.GetStatus(replyTo), r.observer()));
            asks.add(status(Forecaster.NAME, replyTo -> new Forecaster.GetStatus(replyTo), r.forecaster()));
            asks.add(status(AnomalyWatcher.NAME, replyTo -> new AnomalyWatcher.GetStatus(replyTo), r.anomalyWatcher()));
            asks.add(status(Governor.NAME, replyTo -> new Governor.GetStatus(replyTo), r.governor()));
            asks.add(status(Indexer.NAME, replyTo -> new Indexer.GetStatus(replyTo), r.indexer()));
            asks.add(status(Trainer.NAME, replyTo -> new Trainer.GetStatus(replyTo), r.trainer()));
            return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                    .thenApply(
                            done -> asks.stream().map(CompletableFuture::join).toList());
        });
    }

    private <T> CompletableFuture<AgentStatus> status(
            String agent, Function<ActorRef<AgentStatus>, T> ask, ActorRef<T> ref) {
        return AskPattern.<T, AgentStatus>ask(ref, ask::apply, ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture()
                .exceptionally(
                        e -> new AgentStatus(agent, "unresponsive", Optional.empty(), Optional.empty(), Map.of()));
    }

    /** Stops one agent and spawns it again (it recovers from its journal); fails for an unknown name. */
    public CompletionStage<Done> restart(String agent) {
        return AskPattern.<AgentGuardian.Command, StatusReply<Done>>ask(
                        guardian, replyTo -> new AgentGuardian.Restart(agent, replyTo), ASK_TIMEOUT, system.scheduler())
                .thenApply(StatusReply::getValue);
    }

    @Override
    public CompletionStage<String> apply(long id, String by) {
        return askIndexer(replyTo -> new Indexer.Apply(id, by, replyTo), ASK_TIMEOUT);
    }

    @Override
    public CompletionStage<String> reject(long id, String by, String reason) {
        return askIndexer(replyTo -> new Indexer.Reject(id, by, reason, replyTo), ASK_TIMEOUT);
    }

    @Override
    public AnalysisRun startAnalysis() {
        return analyses.start();
    }

    @Override
    public Optional<AnalysisRun> analysis(String id) {
        return analyses.find(id);
    }

    @Override
    public CompletionStage<Mode> mode() {
        return roster().thenCompose(
                        r -> AskPattern.ask(r.indexer(), Indexer.GetMode::new, ASK_TIMEOUT, system.scheduler()));
    }

    @Override
    public CompletionStage<Mode> setMode(Mode mode, String reason) {
        return roster().thenCompose(r -> AskPattern.<Indexer.Command, StatusReply<Mode>>ask(
                        r.indexer(),
                        replyTo -> new Indexer.SetMode(mode, reason, replyTo),
                        ASK_TIMEOUT,
                        system.scheduler()))
                .thenApply(StatusReply::getValue);
    }

    private CompletionStage<String> askIndexer(
            Function<ActorRef<StatusReply<String>>, Indexer.Command> ask, Duration timeout) {
        return roster().thenCompose(r -> AskPattern.<Indexer.Command, StatusReply<String>>ask(
                        r.indexer(), ask::apply, timeout, system.scheduler()))
                .thenApply(StatusReply::getValue);
    }

    @Override
    public CompletionStage<String> train(List<String> models, String by) {
        return roster().thenCompose(r -> AskPattern.<Trainer.Command, StatusReply<String>>ask(
                        r.trainer(),
                        replyTo -> new Trainer.TrainNow(models, by, replyTo),
                        ASK_TIMEOUT,
                        system.scheduler()))
                .thenApply(StatusReply::getValue);
    }

    /**
     * Stops every agent; completes once all have stopped. The gateway keeps serving; its listener then drops
     * executions.
     */
    public CompletionStage<Done> stop() {
        roster.set(null);
        return AskPattern.ask(guardian, AgentGuardian.Stop::new, STOP_TIMEOUT, system.scheduler());
    }

    /** Stops every agent without waiting for them. */
    @Override
    public void close() {
        stop();
    }
}
