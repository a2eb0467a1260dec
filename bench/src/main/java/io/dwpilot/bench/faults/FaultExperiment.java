package io.dwpilot.bench.faults;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import io.dwpilot.bench.experiment.SimulatedWeek;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The faults experiment: a fresh warehouse on the experiment's own embedded PostgreSQL, {@code dwpilot up} as a child
 * JVM against it with three callers' tokens, and the scenarios run one after the other: the normal workload alone,
 * overload, one caller flooding, a PostgreSQL outage, and two SIGKILLs.
 */
public final class FaultExperiment {
    /** How the child JVM runs dwpilot: its main class, on the experiment's own class path. */
    public record DwpilotLaunch(String mainClass, List<String> jvmOptions) {}

    private static final long FIRST_PROBE = 1_000_000;

    private final FaultPlan plan;
    private final DwpilotLaunch launch;

    public FaultExperiment(FaultPlan plan, DwpilotLaunch launch) {
        this.plan = plan;
        this.launch = launch;
    }

    public FaultsReport run(String commandLine, PrintStream out) throws Exception {
        Instant started = Instant.now();
        Path directory = Files.createTempDirectory("dwpilot-faults");
        try {
            return run(directory, commandLine, started, out);
        } finally {
            SimulatedWeek.deleteTree(directory);
        }
    }

    private FaultsReport run(Path directory, String commandLine, Instant started, PrintStream out) throws Exception {
        Config defaults = ConfigFactory.load();
        DatabaseSettings settings = DatabaseSettings.fromConfig(defaults)
                .withUrl(null)
                .withEmbeddedDataDirectory(directory.resolve("pgdata"))
                .withEmbeddedPort(DwpilotProcess.freePort());
        try (WarehouseServer server = WarehouseServer.start(settings, out)) {
            ConsoleWarehouse.loadDemo(
                    server.database(),
                    plan.scale(),
                    defaults.getLong("dwpilot.demo.seed"),
                    defaults.getInt("dwpilot.demo.days"),
                    out);
            ConsoleWarehouse.runEtl(server.database(), out);
            Caller steady = new Caller("steady", token());
            Caller flooder = new Caller("flooder", token());
            Caller admin = new Caller("ops", token());
            Path config = writeConfig(directory, settings, steady, flooder, admin);
            ApiClient api = new ApiClient(Duration.ofSeconds(120));
            DwpilotProcess dwpilot = new DwpilotProcess(new DwpilotProcess.Launch(
                    Path.of(System.getProperty("java.home"), "bin", "java"),
                    launch.jvmOptions(),
                    System.getProperty("java.class.path"),
                    launch.mainClass(),
                    List.of(
                            "--config",
                            config.toString(),
                            "--db-url",
                            server.url(),
                            "--db-user",
                            server.superuser().user(),
                            "--no-demo",
                            "--no-simulator"),
                    Map.of("DWPILOT_DB_PASSWORD", server.superuser().password()),
                    directory.resolve("dwpilot.log")));
            try {
                out.println("Starting dwpilot " + String.join(" ", launch.jvmOptions()) + " in its own JVM");
                dwpilot.start(api, Duration.ofMinutes(5));
                FaultRig rig = new FaultRig(
                        plan,
                        server,
                        dwpilot,
                        api,
                        new StatementMix(FIRST_PROBE, customers(server)),
                        steady,
                        flooder,
                        admin,
                        defaults.getDuration("dwpilot.gateway.admission-wait"),
                        defaults.getDuration("dwpilot.gateway.heavy.admission-wait"),
                        defaults.getInt("dwpilot.gateway.max-concurrent")
                                + defaults.getInt("dwpilot.gateway.heavy.max-concurrent"),
                        out);
                return new FaultsReport(commandLine, started, server.version(), plan, scenarios(rig));
            } finally {
                dwpilot.close();
            }
        }
    }

    private static List<Section> scenarios(FaultRig rig) throws Exception {
        LoadScenarios load = new LoadScenarios(rig);
        LatencySummary unloaded = load.unloaded();
        List<Section> sections = new ArrayList<>();
        sections.add(attempt("Overload", rig, () -> load.overload(unloaded)));
        sections.add(attempt("One caller flooding", rig, () -> load.flood(unloaded)));
        sections.add(attempt("PostgreSQL stopped under load", rig, () -> new OutageScenario(rig).run()));
        sections.add(attempt("dwpilot killed with SIGKILL", rig, () -> new CrashScenario(rig).run()));
        return sections;
    }

    private interface Scenario {
        Section run() throws Exception;
    }

    /** A scenario that fails on the way is reported as such, and the next one still runs. */
    private static Section attempt(String title, FaultRig rig, Scenario scenario) throws Exception {
        try {
            return scenario.run();
        } catch (Exception e) {
            rig.out().println("  " + title + " did not complete: " + e);
            if (!rig.dwpilot().alive()) {
                rig.restartDwpilot();
            }
            return new Section(
                    title,
                    "The scenario did not complete.",
                    List.of(new Aim("scenario completed", false, e.toString())),
                    List.of());
        }
    }

    private static int customers(WarehouseServer server) throws Exception {
        try (Connection c = server.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(customer_id), 1) FROM gold.customer_360")) {
            rs.next();
            return (int) rs.getLong(1);
        }
    }

    private static String token() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** dwpilot's configuration: the roles' passwords kept beside the data, three callers, the indexer waiting for us. */
    private static Path writeConfig(
            Path directory, DatabaseSettings settings, Caller steady, Caller flooder, Caller admin) throws Exception {
        Config config = ConfigFactory.empty()
                .withValue(
                        "dwpilot.security.credentials-file",
                        ConfigValueFactory.fromAnyRef(settings.credentialsFile().toString()))
                .withValue(
                        "dwpilot.http.auth.tokens",
                        ConfigValueFactory.fromIterable(List.of(
                                tokenEntry(steady, "analyst"),
                                tokenEntry(flooder, "analyst"),
                                tokenEntry(admin, "admin"))))
                .withValue("dwpilot.agents.indexer.mode", ConfigValueFactory.fromAnyRef("recommend-only"));
        Path file = directory.resolve("dwpilot.conf");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, config.root().render(ConfigRenderOptions.concise()), StandardCharsets.UTF_8);
        return file;
    }

    private static Map<String, String> tokenEntry(Caller caller, String role) {
        return Map.of("token", caller.token(), "user", caller.user(), "role", role);
    }
}
