package io.dwpilot.http;

import com.typesafe.config.Config;
import io.dwpilot.agents.AgentSociety;
import io.dwpilot.agents.feed.DecisionLog;
import io.dwpilot.agents.feed.FeedSettings;
import io.dwpilot.agents.feed.LiveFeed;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.decisions.DecisionRepository;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * One running dwpilot around an open warehouse: the actor system (its journal in the warehouse), the live feed, the
 * front door, the agents and the decision log, started in that order and closed in reverse. The agents start after
 * the front door because they watch its gateway; the API asks for them through a directory that answers once they
 * are there.
 */
public final class DwpilotServer implements AutoCloseable {
    private static final Duration TERMINATION_TIMEOUT = Duration.ofSeconds(30);

    private final ActorSystem<Void> system;
    private final LiveFeed feed;
    private final FrontDoor frontDoor;
    private final AgentSociety agents;
    private final DecisionLog decisionLog;

    private DwpilotServer(ActorSystem<Void> system, LiveFeed feed, FrontDoor frontDoor, AgentSociety agents,
                          DecisionLog decisionLog) {
        this.system = system;
        this.feed = feed;
        this.frontDoor = frontDoor;
        this.agents = agents;
        this.decisionLog = decisionLog;
    }

    /**
     * Starts everything on an open, migrated warehouse.
     *
     * @throws IllegalArgumentException for bad security or agent settings
     * @throws ServerBindException      when the address is taken
     */
    public static DwpilotServer start(Config config, Database database, String host, int port, Readiness readiness,
                                      WorkloadClock clock) {
        Config withJournal = JournalConfig.overlay(database).withFallback(config);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "dwpilot", withJournal);
        try {
            FeedSettings feedSettings = FeedSettings.fromConfig(withJournal.getConfig("dwpilot.agents.feed"));
            LiveFeed feed = LiveFeed.start(system, system.systemActorOf(
                    Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC), "feed-workload-topic", Props.empty()),
                    feedSettings);
            LateSociety society = new LateSociety();
            FrontDoor frontDoor = FrontDoor.start(withJournal, database, system, host, port, readiness,
                    Optional.of(new FrontDoor.Agents(society, society, society, feed)));
            frontDoor.gateway().subscribe(feed.queryListener());
            AgentSociety agents = AgentSociety.start(system, withJournal, database, frontDoor.gateway(), clock);
            society.started(agents);
            Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("dwpilot.blocking-dispatcher"));
            DecisionLog decisionLog = DecisionLog.start(system, new DecisionRepository(database.systemPool()), blocking,
                    feedSettings, feed::decision);
            return new DwpilotServer(system, feed, frontDoor, agents, decisionLog);
        } catch (RuntimeException e) {
            terminate(system);
            throw e;
        }
    }

    public FrontDoor frontDoor() {
        return frontDoor;
    }

    public AgentSociety agents() {
        return agents;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public int port() {
        return frontDoor.port();
    }

    /** Stops the decision log and the agents, unbinds (writing the queued query logs), and ends the actor system. */
    @Override
    public void close() {
        decisionLog.close();
        agents.close();
        frontDoor.close();
        feed.close();
        terminate(system);
    }

    private static void terminate(ActorSystem<?> system) {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(TERMINATION_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }
}
