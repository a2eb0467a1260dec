package io.dwpilot.cli;

import com.typesafe.config.Config;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.query.QueryLogRepository;
import io.dwpilot.simulator.workload.ParameterSpace;
import io.dwpilot.simulator.workload.run.RunProgress;
import io.dwpilot.simulator.workload.run.RunSettings;
import io.dwpilot.simulator.workload.run.RunSummary;
import io.dwpilot.simulator.workload.run.WorkloadProfiles;
import io.dwpilot.simulator.workload.run.WorkloadRunner;
import java.net.URI;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gentle workload 'dwpilot up' runs against itself, so that a newcomer sees a live warehouse: a few queries a
 * second in the retail rhythm on an accelerated clock, with a few labelled anomalies. Closing it stops the run.
 */
final class BackgroundSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundSimulator.class);

    private final Thread thread;

    private BackgroundSimulator(Thread thread) {
        this.thread = thread;
    }

    static Optional<BackgroundSimulator> start(Config config, Database database, int port, boolean tokensRequired) {
        Config sim = config.getConfig("dwpilot.simulator");
        Optional<String> token = Optional.of(sim.getString("token")).filter(t -> !t.isBlank());
        if (tokensRequired && token.isEmpty()) {
            log.warn("The background simulator is off: the API requires tokens and dwpilot.simulator.token is empty");
            return Optional.empty();
        }
        ParameterSpace space = ParameterSpace.read(database.systemPool());
        RunSettings settings = new RunSettings(
                URI.create("http://127.0.0.1:" + port),
                token,
                WorkloadProfiles.retail(),
                simulatedStart(space, database),
                sim.getDouble("speed"),
                sim.getDouble("qps"),
                sim.getInt("concurrency"),
                sim.getLong("seed"),
                sim.getDouble("days"),
                0,
                Duration.ZERO,
                RunSettings.DEFAULT_TIMEOUT_MS,
                RunSettings.DEFAULT_MAX_ROWS,
                sim.getInt("anomaly-episodes"));
        WorkloadRunner runner = new WorkloadRunner(settings, space, database.systemPool());
        Thread thread = new Thread(
                () -> {
                    RunSummary summary = runner.run(RunProgress.SILENT);
                    log.info(
                            "Background simulator stopped ({}): {} statements sent, {} ok",
                            summary.stopReason(),
                            summary.queriesSent(),
                            summary.ok());
                },
                "dwpilot-background-simulator");
        thread.setDaemon(true);
        thread.start();
        log.info(
                "Background simulator: {} q/s, {} users, {}x simulated time (--no-simulator turns it off)",
                settings.qps(),
                settings.concurrency(),
                settings.speed());
        return Optional.of(new BackgroundSimulator(thread));
    }

    /**
     * The Monday after the loaded sales, or, when an earlier run already drove this warehouse, a minute after its
     * newest statement: the agents' workload clock never goes back, and their journals, forecasts and optimization
     * history are stamped with it.
     */
    private static Instant simulatedStart(ParameterSpace space, Database database) {
        Instant firstMonday = space.lastSaleDate()
                .plusDays(1)
                .with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        try {
            return new QueryLogRepository(database.systemPool())
                    .latestSimulatedAt()
                    .map(last -> last.plus(Duration.ofMinutes(1)))
                    .filter(resume -> resume.isAfter(firstMonday))
                    .orElse(firstMonday);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot read where the last simulated workload stopped: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
