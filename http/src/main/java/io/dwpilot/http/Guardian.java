package io.dwpilot.http;

import com.typesafe.config.Config;
import io.dwpilot.agents.AgentSociety;
import io.dwpilot.agents.feed.DecisionLog;
import io.dwpilot.agents.feed.FeedSettings;
import io.dwpilot.agents.feed.LiveFeed;
import io.dwpilot.agents.observer.WorkloadSnapshot;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.decisions.DecisionRepository;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The root behavior of a running dwpilot, like the Pekko samples' {@code Guardian}: it spawns the live feed and the
 * agents (which watch the gateway, so the gateway is built first), binds the front door with them and starts the
 * decision log. Each part's stop is made a coordinated-shutdown task as soon as the part runs, so a stop, and a start
 * that fails halfway, undo what runs in the phases' order: unbind, finish the requests in flight and end the feed's
 * streams, then stop the agents, the decision log and the query-log writer.
 */
final class Guardian {
    /** What the front door's callers (the CLI, the tests) need from the running system. */
    record Started(FrontDoor frontDoor, AgentSociety agents) {}

    /** Where the front door listens and what it tells the health endpoint. */
    record Address(String host, int port, Readiness readiness) {}

    private Guardian() {}

    /**
     * @param config  carries the journal ({@code JournalConfig.overlay}) and the dispatchers
     * @param started completed once everything runs, or with what failed (the caller then shuts the system down)
     */
    static Behavior<Void> create(
            Config config,
            Database database,
            Address address,
            WorkloadClock clock,
            CompletableFuture<Started> started) {
        return Behaviors.setup(context -> {
            try {
                started.complete(start(context, config, database, address, clock));
            } catch (RuntimeException e) {
                started.completeExceptionally(e);
            }
            return Behaviors.empty();
        });
    }

    private static Started start(
            ActorContext<Void> context, Config config, Database database, Address address, WorkloadClock clock) {
        ActorSystem<Void> system = context.getSystem();
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        Executor blocking = system.dispatchers().lookup(DispatcherSelector.fromConfig("dwpilot.blocking-dispatcher"));
        FeedSettings feedSettings = FeedSettings.fromConfig(config.getConfig("dwpilot.agents.feed"));
        LiveFeed feed = LiveFeed.start(
                context,
                context.spawn(Topic.create(WorkloadSnapshot.class, WorkloadSnapshot.TOPIC), "feed-workload-topic"),
                feedSettings);
        // ending the clients' streams lets their WebSocket connections finish with the other requests
        shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "live-feed-close", () -> {
            feed.close();
            return CompletableFuture.completedFuture(Done.getInstance());
        });
        QueryGateway gateway = FrontDoor.gateway(config, database, system);
        FrontDoor frontDoor;
        AgentSociety agents;
        try {
            gateway.subscribe(feed.queryListener());
            agents = AgentSociety.start(context, config, database, gateway, clock);
            shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "agents-stop", agents::stop);
            frontDoor = FrontDoor.start(
                    config,
                    database,
                    system,
                    gateway,
                    address.host(),
                    address.port(),
                    address.readiness(),
                    Optional.of(new FrontDoor.Agents(agents, agents, agents, feed)));
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
        frontDoor.stopOnShutdown(shutdown);
        DecisionLog decisionLog = DecisionLog.start(
                system, new DecisionRepository(database.systemPool()), blocking, feedSettings, feed::decision);
        shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "decision-log-stop", () -> {
            decisionLog.close();
            return decisionLog.done().exceptionally(failed -> Done.getInstance());
        });
        return new Started(frontDoor, agents);
    }
}
