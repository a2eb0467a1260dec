package io.dwpilot.http;

import com.typesafe.config.Config;
import io.dwpilot.agents.AgentSociety;
import io.dwpilot.agents.runtime.JournalConfig;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.persistence.Database;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;

/**
 * One running dwpilot around an open warehouse: an actor system (its journal in the warehouse) whose {@link Guardian}
 * spawns the live feed and the agents and starts the front door and the decision log. Stopping is the system's
 * coordinated shutdown, whether {@link #close} asks for it or the JVM exits; an owner adds its own steps there (the
 * CLI closes the warehouse in {@code before-actor-system-terminate}).
 */
public final class DwpilotServer implements AutoCloseable {
    /** Binding waits up to 30 s; the rest of the start takes moments. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
    /** Longer than the shutdown phases' timeouts together. */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    /** Why the system is shut down when the server itself asks. */
    private enum StopReason implements CoordinatedShutdown.Reason {
        CLOSED,
        START_FAILED
    }

    private final ActorSystem<Void> system;
    private final FrontDoor frontDoor;
    private final AgentSociety agents;

    private DwpilotServer(ActorSystem<Void> system, FrontDoor frontDoor, AgentSociety agents) {
        this.system = system;
        this.frontDoor = frontDoor;
        this.agents = agents;
    }

    /**
     * Starts everything on an open, migrated warehouse.
     *
     * @throws IllegalArgumentException for bad security or agent settings
     * @throws ServerBindException      when the address is taken
     */
    public static DwpilotServer start(
            Config config, Database database, String host, int port, Readiness readiness, WorkloadClock clock) {
        Config withJournal = JournalConfig.overlay(database).withFallback(config);
        CompletableFuture<Guardian.Started> started = new CompletableFuture<>();
        // the guardian assembles everything once, with JDBC reads and the HTTP bind: on the blocking dispatcher, not
        // on the default one the agents and the HTTP server run on (its children are not spawned there)
        ActorSystem<Void> system = ActorSystem.create(
                Guardian.create(withJournal, database, new Guardian.Address(host, port, readiness), clock, started),
                "dwpilot",
                withJournal,
                DispatcherSelector.fromConfig("dwpilot.blocking-dispatcher"));
        try {
            Guardian.Started running = started.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new DwpilotServer(system, running.frontDoor(), running.agents());
        } catch (ExecutionException e) {
            shutDown(system, StopReason.START_FAILED);
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            shutDown(system, StopReason.START_FAILED);
            throw new IllegalStateException("dwpilot did not start within " + START_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutDown(system, StopReason.START_FAILED);
            throw new IllegalStateException("Interrupted while starting dwpilot", e);
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

    /** Runs the coordinated shutdown (unbind, drain, stop the agents, ...) and waits until the system has ended. */
    @Override
    public void close() {
        shutDown(system, StopReason.CLOSED);
    }

    private static void shutDown(ActorSystem<?> system, CoordinatedShutdown.Reason reason) {
        try {
            CoordinatedShutdown.get(system)
                    .runAll(reason)
                    .toCompletableFuture()
                    .get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a task failing or hanging does not keep the rest from running; what is left ends with the system
            system.terminate();
        }
    }
}
