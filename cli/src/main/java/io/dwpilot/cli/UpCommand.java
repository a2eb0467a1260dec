package io.dwpilot.cli;

import com.typesafe.config.Config;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.http.DwpilotServer;
import io.dwpilot.http.FrontDoor;
import io.dwpilot.http.Readiness;
import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.retail.RetailSpec;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = {
            "Start everything: the database (embedded unless a URL is given), migrations, the demo data",
            "when the warehouse is empty, the ETL, and the HTTP server. Runs until Ctrl-C, then stops cleanly."
        })
final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Address to listen on. Default: dwpilot.http.host (127.0.0.1).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on. Default: dwpilot.http.port (8080).")
    Integer port;

    @Option(
            names = "--scale",
            paramLabel = "N",
            description = "Demo data scale when the warehouse is empty. Default: dwpilot.demo.scale (1).")
    Double scale;

    @Option(names = "--no-demo", description = "Do not load demo data into an empty warehouse.")
    boolean noDemo;

    @Option(names = "--no-simulator", description = "Do not run the gentle background workload (dwpilot.simulator).")
    boolean noSimulator;

    private final CompletableFuture<Void> stopRequested = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile DwpilotServer server;

    @Override
    public Integer call() {
        Config config = common.config();
        String bindHost = host != null ? host : config.getString("dwpilot.http.host");
        int bindPort = port != null ? port : config.getInt("dwpilot.http.port");
        double demoScale = scale != null ? scale : config.getDouble("dwpilot.demo.scale");
        Validation.port(spec, bindPort);
        Validation.positiveScale(spec, "--scale", demoScale, RetailSpec.MAX_SCALE);
        PrintStream out = System.out;
        // the JVM's exit (Ctrl-C, SIGTERM) runs the server's coordinated shutdown; this hook waits for the last word
        Thread hook = new Thread(stopped::join, "dwpilot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            // the warehouse closes once the actor system has ended: until then the journal's own pool still reads it
            try (Database database = ConsoleWarehouse.open(config, out)) {
                database.holdAtExit(Duration.ofMinutes(1));
                Readiness readiness = new Readiness();
                // closing it runs the coordinated shutdown, or waits for the one the JVM's exit started
                try (DwpilotServer server =
                        DwpilotServer.start(config, database, bindHost, bindPort, readiness, WorkloadClock.system())) {
                    this.server = server;
                    CoordinatedShutdown shutdown = CoordinatedShutdown.get(server.system());
                    shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "announce-stop", () -> {
                        out.println("Stopping dwpilot ...");
                        return CompletableFuture.completedFuture(Done.getInstance());
                    });
                    prepareWarehouse(database, readiness, config, demoScale, out);
                    readiness.markReady();
                    FrontDoor frontDoor = server.frontDoor();
                    Optional<BackgroundSimulator> simulator = noSimulator
                                    || !config.getBoolean("dwpilot.simulator.enabled")
                                    || new BronzeLoader(database.systemPool()).warehouseEmpty()
                            ? Optional.empty()
                            : BackgroundSimulator.start(config, database, frontDoor.port(), frontDoor.requiresTokens());
                    simulator.ifPresent(s ->
                            shutdown.addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "simulator-stop", () -> {
                                s.close();
                                return CompletableFuture.completedFuture(Done.getInstance());
                            }));
                    out.printf(
                            "%ndwpilot is up: the dashboard on http://%s:%d/, the API under /api/v1  (Ctrl-C to stop)%s%n",
                            bindHost,
                            frontDoor.port(),
                            simulator.isPresent() ? "; a gentle simulated workload is running" : "");
                    CompletableFuture.anyOf(
                                    stopRequested,
                                    server.system().getWhenTerminated().toCompletableFuture())
                            .join();
                }
            }
            out.println("dwpilot stopped cleanly.");
        } finally {
            stopped.complete(null);
            removeHook(hook);
        }
        return 0;
    }

    private void prepareWarehouse(
            Database database, Readiness readiness, Config config, double demoScale, PrintStream out) {
        if (!noDemo && new BronzeLoader(database.systemPool()).warehouseEmpty()) {
            readiness.phase("loading demo data");
            ConsoleWarehouse.loadDemo(
                    database, demoScale, config.getLong("dwpilot.demo.seed"), config.getInt("dwpilot.demo.days"), out);
        }
        readiness.phase("running ETL");
        ConsoleWarehouse.runEtl(database, out);
    }

    /** Asks a running {@code up} to stop, as Ctrl-C does. */
    void requestStop() {
        stopRequested.complete(null);
    }

    /** The port the server listens on, once it does. */
    int boundPort() {
        DwpilotServer s = server;
        return s == null ? -1 : s.port();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it waits for 'stopped', which is complete
        }
    }
}
