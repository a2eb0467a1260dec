package io.dwpilot.http.cli;

import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.agents.learning.TrainingOutcome;
import io.dwpilot.agents.trainer.Trainer;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.decisions.DecisionRepository;
import io.dwpilot.persistence.ml.Accuracy;
import io.dwpilot.persistence.ml.OnlineAccuracy;
import io.dwpilot.simulator.experiment.DetectionEvaluation;
import io.dwpilot.simulator.experiment.ProfileOracle;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Runs the whole system on a fresh warehouse and drives it with a simulated retail week with"
                + " labelled anomalies (the trainer agent trains and activates models as the executions come in);"
                + " then trains every model on the whole run, scores each against its baselines on held-out data and"
                + " the anomaly detector against the labels, and writes a Markdown report."})
final class ModelsExperiment implements Callable<Integer> {
    private static final Duration DETECTION_TOLERANCE = Duration.ofMinutes(10);
    static final long MINIMUM_EXECUTIONS = 20_000;

    @Spec
    CommandSpec spec;

    @Mixin
    SimulatedWeek week;

    @Override
    public Integer call() throws Exception {
        week.validate(spec, 3); // the forecaster needs three days of buckets to train, tune and test
        PrintStream out = System.out;
        ModelsReport result = week.run(out, (database, summary) -> evaluate(database, summary, out));
        week.publish(result.markdown(), out);
        return 0;
    }

    private ModelsReport evaluate(Database database, RunSummary summary, PrintStream out)
            throws Exception {
        if (summary.ok() < MINIMUM_EXECUTIONS) {
            out.printf(Locale.ROOT, "warning: only %,d successful executions; the issue asks for at least %,d"
                    + " (raise --days or --qps)%n", summary.ok(), MINIMUM_EXECUTIONS);
        }
        out.println();
        out.println("Training every model on the whole run");
        Duration lookback = Duration.between(summary.simulatedStart(), summary.simulatedEnd()).plusDays(1);
        List<TrainingOutcome> outcomes = TrainCommand.train(database, ModelKind.ALL, lookback, "experiment", out);
        DetectionEvaluation.Result watcher = new DetectionEvaluation(database.systemPool()).evaluate(summary.runId(),
                summary.simulatedStart(), summary.simulatedEnd().plus(DETECTION_TOLERANCE), DETECTION_TOLERANCE);
        Accuracy online = new OnlineAccuracy(database.systemPool())
                .costPredictions(summary.simulatedStart(), summary.simulatedEnd().plus(DETECTION_TOLERANCE));
        Map<String, Long> trainer = new TreeMap<>();
        new DecisionRepository(database.systemPool()).countsByAgentAndKind().forEach((key, count) -> {
            if (key.startsWith(Trainer.NAME)) {
                trainer.put(key, count);
            }
        });
        double oracleMape = forecastOracle(database, outcomes);
        List<String> setup = new ArrayList<>(week.setup());
        setup.add("agents on default settings (the trainer among them), the agents' clock following the simulated time");
        setup.add("then every model trained once more on the whole run by the same pipeline as `dwpilot train`;"
                + " 2 CPU cores, no GPU");
        return new ModelsReport(commandLine(), setup, summary, outcomes, watcher, online, trainer, oracleMape);
    }

    /** The simulator's own expected arrivals over the forecaster's test range, scored like a forecast (MAPE). */
    private double forecastOracle(Database database, List<TrainingOutcome> outcomes) throws Exception {
        Optional<Map<String, Object>> metrics = outcomes.stream()
                .filter(o -> o.model().equals(ModelKind.FORECAST.name()) && o.metrics().containsKey("test_from"))
                .map(TrainingOutcome::metrics)
                .findFirst();
        if (metrics.isEmpty()) {
            return Double.NaN;
        }
        return new ProfileOracle(database.systemPool(), WorkloadProfiles.retail(), week.pace.qps, week.pace.speed)
                .mape(Instant.parse((String) metrics.get().get("test_from")),
                        Instant.parse((String) metrics.get().get("test_to")));
    }

    private String commandLine() {
        return "./dwpilot " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
