package io.dwpilot.http.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.dwpilot.agents.runtime.WorkloadClock;
import io.dwpilot.http.DwpilotServer;
import io.dwpilot.http.Readiness;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.PagedQuery;
import io.dwpilot.persistence.decisions.DecisionFilter;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.decisions.DecisionRow;
import io.dwpilot.simulator.experiment.AgentsReport;
import io.dwpilot.simulator.experiment.DetectionEvaluation;
import io.dwpilot.simulator.experiment.ForecastEvaluation;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.retail.RetailSpec;
import io.dwpilot.simulator.workload.ParameterSpace;
import io.dwpilot.simulator.workload.run.RunSettings;
import io.dwpilot.simulator.workload.run.RunSummary;
import io.dwpilot.simulator.workload.run.WorkloadProfiles;
import io.dwpilot.simulator.workload.run.WorkloadRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "agents", mixinStandardHelpOptions = true,
        description = {"Runs the whole system on a fresh warehouse (embedded PostgreSQL in a temporary directory unless"
                + " --db-url or --data-dir is given) and drives it with a simulated retail week with labelled anomalies;"
                + " then scores the forecaster against the arrivals that came and the anomaly watcher against the"
                + " labels, lists the governor's decisions, and writes a Markdown report."})
final class AgentsExperiment implements Callable<Integer> {
    private static final Duration FORECAST_WARM_UP = Duration.ofDays(2);
    private static final Duration DETECTION_TOLERANCE = Duration.ofMinutes(10);
    private static final int GOVERNOR_ROWS = 25;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    WorkloadPace pace;

    @Option(names = "--anomalies", paramLabel = "N", defaultValue = "-1",
            description = "Anomaly episodes to inject. Default: two per simulated day.")
    int anomalies;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "0.1",
            description = "Retail data scale loaded into an empty warehouse. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the Markdown report here, e.g. docs/results/agents.md.")
    Path report;

    @Option(names = "--keep-data", description = "Keep the temporary data directory (to run 'dwpilot replay --data-dir' on it).")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintStream out = System.out;
        Config config = common.config();
        Optional<Path> temporary = Optional.empty();
        if (DatabaseSettings.fromConfig(config).embedded() && common.dataDirectory == null) {
            temporary = Optional.of(Files.createTempDirectory("dwpilot-experiment"));
            config = config.withValue("dwpilot.database.embedded.data-directory",
                    ConfigValueFactory.fromAnyRef(temporary.get().resolve("pgdata").toString()));
        }
        // a free port, so that the experiment runs beside a 'dwpilot up'; metrics every second, so that a resource
        // spike of a few simulated minutes is sampled at all
        config = config.withValue("dwpilot.database.embedded.port", ConfigValueFactory.fromAnyRef(0))
                .withValue("dwpilot.agents.observer.sample-interval", ConfigValueFactory.fromAnyRef("1s"))
                .withValue("dwpilot.agents.clock", ConfigValueFactory.fromAnyRef("workload"));
        try {
            return run(config, out);
        } finally {
            if (temporary.isPresent()) {
                if (keepData) {
                    out.println("Data kept in " + temporary.get().resolve("pgdata") + " (dwpilot replay --data-dir ...)");
                } else {
                    deleteTree(temporary.get());
                }
            }
        }
    }

    private int run(Config config, PrintStream out) throws SQLException, IOException {
        try (Database database = CommonOptions.openWarehouse(config, out)) {
            database.holdAtExit(Duration.ofMinutes(1));
            if (new BronzeLoader(database.systemPool()).warehouseEmpty()) {
                LoadCommand.loadDemo(database, scale, config.getLong("dwpilot.demo.seed"), config.getInt("dwpilot.demo.days"), out);
                EtlCommand.runEtl(database, out);
            }
            ParameterSpace space = ParameterSpace.read(database.systemPool());
            Instant start = space.lastSaleDate().plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            int episodes = anomalies >= 0 ? anomalies : (int) Math.ceil(2 * pace.days);
            Readiness readiness = new Readiness();
            readiness.markReady();
            RunSummary summary;
            WorkloadClock clock = WorkloadClock.system();
            clock.observe(start); // the agents start in the simulated week, not on today's wall clock
            try (DwpilotServer server = DwpilotServer.start(config, database, "127.0.0.1", 0, readiness, clock)) {
                RunSettings settings = new RunSettings(URI.create("http://127.0.0.1:" + server.port()), Optional.empty(),
                        WorkloadProfiles.retail(), start, pace.speed, pace.qps, pace.concurrency, pace.seed, pace.days, 0,
                        Duration.ZERO,
                        RunSettings.DEFAULT_TIMEOUT_MS, RunSettings.DEFAULT_MAX_ROWS, episodes);
                out.printf("Simulating %s days of retail from %s at %.0fx, %.1f q/s, %d users, seed %d, %d anomaly"
                        + " episodes; the agents follow the simulated clock%n", WorkloadPace.trim(pace.days), start,
                        pace.speed, pace.qps, pace.concurrency, pace.seed, episodes);
                try (ConsoleRunProgress progress = new ConsoleRunProgress()) {
                    summary = new WorkloadRunner(settings, space, database.systemPool()).run(progress);
                }
                ConsoleRunProgress.printSummary(summary, out);
                awaitDecisionLog(new DecisionRepository(database.systemPool()));
            }
            AgentsReport result = evaluate(database, summary, episodes);
            String markdown = result.markdown();
            out.println();
            out.println(markdown);
            if (report != null) {
                Path parent = report.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Files.writeString(report, markdown, StandardCharsets.UTF_8);
                out.println("Report written to " + report);
            }
            return 0;
        }
    }

    private AgentsReport evaluate(Database database, RunSummary summary, int episodes) throws SQLException {
        Instant scoredFrom = summary.simulatedStart().plus(FORECAST_WARM_UP);
        ForecastEvaluation forecasts = new ForecastEvaluation(database.systemPool());
        DecisionRepository decisions = new DecisionRepository(database.systemPool());
        PagedQuery.Page<DecisionRow> governor = decisions.list(new DecisionFilter(Optional.of("governor"),
                Optional.of("limits_changed"), Optional.empty(), Optional.empty(), Optional.empty(), 0, DecisionFilter.MAX_PAGE_SIZE));
        List<DecisionRow> oldestFirst = new ArrayList<>(governor.items());
        oldestFirst.sort(Comparator.comparingLong(DecisionRow::ordering));
        List<String> setup = List.of(
                String.format(Locale.ROOT, "retail warehouse at scale %s, embedded PostgreSQL unless a URL was given",
                        WorkloadPace.trim(scale)),
                String.format(Locale.ROOT, "%s simulated days at %.0fx, %.0f q/s at the profile's average rate, %d virtual"
                        + " users, seed %d, %d anomaly episodes", WorkloadPace.trim(pace.days), pace.speed, pace.qps,
                        pace.concurrency, pace.seed, episodes),
                "agents on default settings, the agents' clock following the simulated time; system metrics sampled"
                        + " every second of real time",
                "forecasts scored from " + scoredFrom + " (the forecaster needs two days of history)");
        return new AgentsReport(commandLine(), setup, summary,
                forecasts.evaluate("total", scoredFrom, summary.simulatedEnd(), Duration.ofHours(1)),
                forecasts.evaluate("total", scoredFrom, summary.simulatedEnd(), Duration.ofHours(6)),
                new DetectionEvaluation(database.systemPool()).evaluate(summary.runId(), summary.simulatedStart(),
                        summary.simulatedEnd().plus(DETECTION_TOLERANCE), DETECTION_TOLERANCE),
                oldestFirst.subList(0, Math.min(GOVERNOR_ROWS, oldestFirst.size())), governor.total(),
                decisions.countsByAgentAndKind());
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

    private String commandLine() {
        // the original arguments of the whole command line, from "experiment" on
        return "./dwpilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private void validate() {
        pace.validate(spec, 3); // the forecaster needs two days of history before a day can be scored
        if (anomalies < -1) {
            throw usage("--anomalies cannot be negative, got " + anomalies);
        }
        Validation.positiveScale(spec, "--scale", scale, RetailSpec.MAX_SCALE);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void deleteTree(Path root) {
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
