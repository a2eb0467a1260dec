package io.dwpilot.cli;

import com.typesafe.config.Config;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.simulator.console.ConsoleRunProgress;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.console.Reports;
import io.dwpilot.simulator.workload.ParameterSpace;
import io.dwpilot.simulator.workload.run.RunSettings;
import io.dwpilot.simulator.workload.run.RunSummary;
import io.dwpilot.simulator.workload.run.ServerUnreachableException;
import io.dwpilot.simulator.workload.run.WorkloadProfile;
import io.dwpilot.simulator.workload.run.WorkloadProfiles;
import io.dwpilot.simulator.workload.run.WorkloadRunner;
import java.io.PrintStream;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Drives an already running dwpilot (see 'dwpilot up') with a simulated workload through its HTTP"
                    + " API: virtual analysts, dashboards and batch jobs on an accelerated clock, with labelled anomalies"
                    + " whose ground truth goes to metadata.injected_anomalies."
        })
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            defaultValue = "retail",
            description = "Workload profile. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Mixin
    WorkloadPace pace;

    @Option(
            names = "--max-queries",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after N statements (0: no limit). Default: ${DEFAULT-VALUE}.")
    long maxQueries;

    @Option(
            names = "--max-seconds",
            paramLabel = "N",
            defaultValue = "0",
            description = "Stop after N seconds of real time (0: no limit). Default: ${DEFAULT-VALUE}.")
    long maxSeconds;

    @Option(
            names = "--anomalies",
            paramLabel = "N",
            defaultValue = "-1",
            description = "Anomaly episodes to inject (0: none). Default: one per simulated day, at least 4.")
    int anomalies;

    @Option(
            names = "--start",
            paramLabel = "DATE",
            description = "Simulated start date (UTC midnight). Default: the first Monday after the last loaded sale.")
    LocalDate start;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description =
                    "The running dwpilot. Default: http://dwpilot.http.host:dwpilot.http.port from the configuration.")
    URI url;

    @Option(
            names = "--token",
            paramLabel = "TOKEN",
            defaultValue = "${env:DWPILOT_TOKEN}",
            description = "Bearer token to send: one of role simulator, the only one whose statements keep their"
                    + " simulated time (the server decides what it may do). Default: $DWPILOT_TOKEN.")
    String token;

    @Override
    public Integer call() {
        validate();
        WorkloadProfile workloadProfile = WorkloadProfiles.named(profile)
                .orElseThrow(() ->
                        new ParameterException(spec.commandLine(), "Unknown profile '" + profile + "': try 'retail'"));
        PrintStream out = System.out;
        Config config = common.config();
        URI server = url != null
                ? url
                : URI.create("http://" + clientHost(config.getString("dwpilot.http.host")) + ":"
                        + config.getInt("dwpilot.http.port"));
        try {
            WorkloadRunner.checkServer(server);
        } catch (ServerUnreachableException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        out.println("dwpilot answers at " + server);
        try (Database database = ConsoleWarehouse.open(besideRunningServer(config, out), out)) {
            ParameterSpace space = ParameterSpace.read(database.systemPool());
            Instant simulatedStart = (start != null
                            ? start
                            : space.lastSaleDate().plusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY)))
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            int episodes = anomalies >= 0 ? anomalies : Math.max(4, (int) Math.ceil(pace.days));
            RunSettings settings = new RunSettings(
                    server,
                    Optional.ofNullable(token),
                    workloadProfile,
                    simulatedStart,
                    pace.speed,
                    pace.qps,
                    pace.concurrency,
                    pace.seed,
                    pace.days,
                    maxQueries,
                    Duration.ofSeconds(maxSeconds),
                    RunSettings.DEFAULT_TIMEOUT_MS,
                    RunSettings.DEFAULT_MAX_ROWS,
                    episodes);
            out.printf(
                    "Simulating %s days of '%s' from %s at %.0fx, %.1f q/s, %d users, seed %d, %d anomaly episodes%n",
                    Reports.trim(pace.days),
                    profile,
                    simulatedStart,
                    pace.speed,
                    pace.qps,
                    pace.concurrency,
                    pace.seed,
                    episodes);
            RunSummary summary;
            try (ConsoleRunProgress progress = new ConsoleRunProgress()) {
                summary = new WorkloadRunner(settings, space, database.systemPool()).run(progress);
            }
            ConsoleRunProgress.printSummary(summary, out);
            return 0;
        }
    }

    private void validate() {
        pace.validate(spec, 0);
        if (maxQueries < 0) {
            throw usage("--max-queries cannot be negative, got " + maxQueries);
        }
        if (maxSeconds < 0) {
            throw usage("--max-seconds cannot be negative, got " + maxSeconds);
        }
        if (anomalies < -1) {
            throw usage("--anomalies cannot be negative, got " + anomalies);
        }
        if (url != null && (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null)) {
            throw usage("--url must be an http(s) URL such as http://127.0.0.1:8080, got " + url);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The running dwpilot holds its embedded PostgreSQL: a second one cannot start on the same data directory, so
     * when the configuration names no database URL, connect to the embedded server the running dwpilot listens on.
     */
    private static DatabaseSettings besideRunningServer(Config config, PrintStream out) {
        DatabaseSettings settings = DatabaseSettings.fromConfig(config);
        if (!settings.embedded() || settings.embeddedPort() == 0) {
            return settings;
        }
        DatabaseSettings running = settings.runningEmbedded();
        out.println("Using the running dwpilot's embedded PostgreSQL at "
                + running.url().orElseThrow());
        return running;
    }

    private static String clientHost(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host.contains(":") ? "[" + host + "]" : host;
    }
}
