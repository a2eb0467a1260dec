package io.dwpilot.bench.experiment;

import io.dwpilot.agents.learning.ConsoleTraining;
import io.dwpilot.agents.learning.TrainingOutcome;
import io.dwpilot.agents.trainer.Trainer;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.ml.Accuracy;
import io.dwpilot.persistence.ml.OnlineAccuracy;
import io.dwpilot.simulator.workload.run.RunSummary;
import io.dwpilot.simulator.workload.run.WorkloadProfiles;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code experiment models}' evaluation of a simulated week: every model trained once more on the whole run, scored
 * against its baselines on held-out data, the anomaly detector against the labels, the forecaster beside the
 * simulator's own expected arrivals.
 */
public final class ModelsEvaluation implements SimulatedWeek.Evaluation<ModelsReport> {
    private static final Duration DETECTION_TOLERANCE = Duration.ofMinutes(10);
    /** The executions a run should give the models to learn from. */
    static final long MINIMUM_EXECUTIONS = 20_000;

    private final SimulatedWeek week;
    private final String commandLine;
    private final PrintStream out;

    public ModelsEvaluation(SimulatedWeek week, String commandLine, PrintStream out) {
        this.week = week;
        this.commandLine = commandLine;
        this.out = out;
    }

    @Override
    public ModelsReport evaluate(Database database, RunSummary summary) throws Exception {
        if (summary.ok() < MINIMUM_EXECUTIONS) {
            out.printf(
                    Locale.ROOT,
                    "warning: only %,d successful executions; the issue asks for at least %,d"
                            + " (raise --days or --qps)%n",
                    summary.ok(),
                    MINIMUM_EXECUTIONS);
        }
        out.println();
        out.println("Training every model on the whole run");
        Duration lookback = Duration.between(summary.simulatedStart(), summary.simulatedEnd())
                .plusDays(1);
        List<TrainingOutcome> outcomes = ConsoleTraining.train(database, ModelKind.ALL, lookback, "experiment", out);
        DetectionEvaluation.Result watcher = new DetectionEvaluation(database.systemPool())
                .evaluate(
                        summary.runId(),
                        summary.simulatedStart(),
                        summary.simulatedEnd().plus(DETECTION_TOLERANCE),
                        DETECTION_TOLERANCE);
        Accuracy online = new OnlineAccuracy(database.systemPool())
                .costPredictions(
                        summary.simulatedStart(), summary.simulatedEnd().plus(DETECTION_TOLERANCE));
        Map<String, Long> trainer = new TreeMap<>();
        new DecisionRepository(database.systemPool()).countsByAgentAndKind().forEach((key, count) -> {
            if (key.startsWith(Trainer.NAME)) {
                trainer.put(key, count);
            }
        });
        double oracleMape = forecastOracle(database, outcomes);
        List<String> setup = new ArrayList<>(week.setup());
        setup.add(
                "agents on default settings (the trainer among them), the agents' clock following the simulated time");
        setup.add("then every model trained once more on the whole run by the same pipeline as `dwpilot train`;"
                + " 2 CPU cores, no GPU");
        return new ModelsReport(commandLine, setup, summary, outcomes, watcher, online, trainer, oracleMape);
    }

    /** The simulator's own expected arrivals over the forecaster's test range, scored like a forecast (MAPE). */
    private double forecastOracle(Database database, List<TrainingOutcome> outcomes) throws Exception {
        Optional<Map<String, Object>> metrics = outcomes.stream()
                .filter(o -> o.model().equals(ModelKind.FORECAST.name())
                        && o.metrics().containsKey("test_from"))
                .map(TrainingOutcome::metrics)
                .findFirst();
        if (metrics.isEmpty()) {
            return Double.NaN;
        }
        return new ProfileOracle(
                        database.systemPool(),
                        WorkloadProfiles.retail(),
                        week.plan().qps(),
                        week.plan().speed())
                .mape(Instant.parse((String) metrics.get().get("test_from")), Instant.parse((String)
                        metrics.get().get("test_to")));
    }
}
