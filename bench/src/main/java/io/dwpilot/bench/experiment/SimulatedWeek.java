package io.dwpilot.bench.experiment;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.http.DwpilotServer;
import io.dwpilot.http.Readiness;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.simulator.console.ConsoleRunProgress;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.console.Reports;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.workload.ParameterSpace;
import io.dwpilot.simulator.workload.run.RunSettings;
import io.dwpilot.simulator.workload.run.RunSummary;
import io.dwpilot.simulator.workload.run.WorkloadProfiles;
import io.dwpilot.simulator.workload.run.WorkloadRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the experiments share: the whole system on a fresh warehouse (embedded PostgreSQL in a temporary directory
 * unless a URL or data directory is configured), loaded with retail data when empty, driven by a simulated retail
 * workload with labelled anomalies from the Monday after the data's last sale, with the agents on the simulated
 * clock. The experiment then evaluates on the database the run left, while it is still open, and writes its report.
 */
public final class SimulatedWeek {

    /** Reads the finished run's database. */
    @FunctionalInterface
    public interface Evaluation<R> {
        R evaluate(Database database, RunSummary summary) throws Exception;
    }

    /**
     * The week to simulate: the data's scale (loaded into an empty warehouse), the anomaly episodes to inject, and
     * the workload's pace; {@code keepData} keeps a temporary data directory for 'replay', 'train' or 'bench'.
     */
    public record Plan(
            double scale,
            int episodes,
            double days,
            double speed,
            double qps,
            int concurrency,
            long seed,
            boolean keepData) {}

    private final Plan plan;

    public SimulatedWeek(Plan plan) {
        this.plan = plan;
    }

    public Plan plan() {
        return plan;
    }

    /** The report's first lines: the warehouse and the workload. */
    public List<String> setup() {
        return List.of(
                String.format(
                        Locale.ROOT,
                        "retail warehouse at scale %s, embedded PostgreSQL unless a URL was given",
                        Reports.trim(plan.scale())),
                String.format(
                        Locale.ROOT,
                        "%s simulated days at %.0fx, %.0f q/s at the profile's average rate, %d virtual"
                                + " users, seed %d, %d anomaly episodes",
                        Reports.trim(plan.days()),
                        plan.speed(),
                        plan.qps(),
                        plan.concurrency(),
                        plan.seed(),
                        plan.episodes()));
    }

    /** Prints the report and writes it to {@code report} when given. */
    public static void publish(String markdown, Optional<Path> report, PrintStream out) throws IOException {
        out.println();
        out.println(markdown);
        Reports.write(report.orElse(null), markdown, out);
    }

    /**
     * Runs the week on the configured database, or on a temporary embedded one when the configuration names no data
     * directory of its own ({@code dataDirectoryGiven} false), and evaluates what it left.
     */
    public <R> R run(Config configured, boolean dataDirectoryGiven, PrintStream out, Evaluation<R> evaluation)
            throws Exception {
        Config config = configured;
        Optional<Path> temporary = Optional.empty();
        if (DatabaseSettings.fromConfig(config).embedded() && !dataDirectoryGiven) {
            temporary = Optional.of(Files.createTempDirectory("dwpilot-experiment"));
            config = config.withValue(
                    "dwpilot.database.embedded.data-directory",
                    ConfigValueFactory.fromAnyRef(
                            temporary.get().resolve("pgdata").toString()));
        }
        // a free port, so that the experiment runs beside a 'dwpilot up'; metrics every second, so that a resource
        // spike of a few simulated minutes is sampled at all
        config = config.withValue("dwpilot.database.embedded.port", ConfigValueFactory.fromAnyRef(0))
                .withValue("dwpilot.agents.observer.sample-interval", ConfigValueFactory.fromAnyRef("1s"))
                .withValue("dwpilot.agents.clock", ConfigValueFactory.fromAnyRef("workload"));
        try {
            return run(config, out, evaluation);
        } finally {
            if (temporary.isPresent()) {
                if (plan.keepData()) {
                    out.println(
                            "Data kept in " + temporary.get().resolve("pgdata") + " (dwpilot replay --data-dir ...)");
                } else {
                    deleteTree(temporary.get());
                }
            }
        }
    }

    private <R> R run(Config config, PrintStream out, Evaluation<R> evaluation) throws Exception {
        try (Database database = ConsoleWarehouse.open(config, out)) {
            database.holdAtExit(Duration.ofMinutes(1));
            if (new BronzeLoader(database.systemPool()).warehouseEmpty()) {
                ConsoleWarehouse.loadDemo(
                        database,
                        plan.scale(),
                        config.getLong("dwpilot.demo.seed"),
                        config.getInt("dwpilot.demo.days"),
                        out);
                ConsoleWarehouse.runEtl(database, out);
            }
            ParameterSpace space = ParameterSpace.read(database.systemPool());
            Instant start = space.lastSaleDate()
                    .plusDays(1)
                    .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            Readiness readiness = new Readiness();
            readiness.markReady();
            RunSummary summary;
            WorkloadClock clock = WorkloadClock.system();
            clock.observe(start); // the agents start in the simulated week, not on today's wall clock
            try (DwpilotServer server = DwpilotServer.start(config, database, "127.0.0.1", 0, readiness, clock)) {
                RunSettings settings = new RunSettings(
                        URI.create("http://127.0.0.1:" + server.port()),
                        Optional.empty(),
                        WorkloadProfiles.retail(),
                        start,
                        plan.speed(),
                        plan.qps(),
                        plan.concurrency(),
                        plan.seed(),
                        plan.days(),
                        0,
                        Duration.ZERO,
                        RunSettings.DEFAULT_TIMEOUT_MS,
                        RunSettings.DEFAULT_MAX_ROWS,
                        plan.episodes());
                out.printf(
                        "Simulating %s days of retail from %s at %.0fx, %.1f q/s, %d users, seed %d, %d anomaly"
                                + " episodes; the agents follow the simulated clock%n",
                        Reports.trim(plan.days()),
                        start,
                        plan.speed(),
                        plan.qps(),
                        plan.concurrency(),
                        plan.seed(),
                        plan.episodes());
                try (ConsoleRunProgress progress = new ConsoleRunProgress()) {
                    summary = new WorkloadRunner(settings, space, database.systemPool()).run(progress);
                }
                ConsoleRunProgress.printSummary(summary, out);
                awaitDecisionLog(new DecisionRepository(database.systemPool()));
            }
            return evaluation.evaluate(database, summary);
        }
    }

    /** The decision log writes the read model a moment after the journal: wait until it stops growing. */
    private static void awaitDecisionLog(DecisionRepository decisions) throws SQLException {
        long last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long now = decisions.maxOrdering();
            if (now == last) {
                return;
            }
            last = now;
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deletes a directory and everything in it, as far as it can. */
    public static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete " + root + ": " + e.getMessage());
        }
    }
}
