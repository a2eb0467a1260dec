package io.dwpilot.cli;

import io.dwpilot.agents.learning.ConsoleTraining;
import io.dwpilot.agents.learning.TrainingOutcome;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the learned models on the executions the gateway logged: extracts them, builds the",
            "features, splits 70/15/15 (by time where time matters), tunes on validation, tests against the baselines",
            "and the active version, registers a new version in ml.model_registry and activates it only when it beats",
            "the active one on the same test set. A running server picks new versions up when its trainer activates",
            "them; after training here, restart it (or PUT /api/v1/ml/models/{id}/activate) to serve them."
        })
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--model",
            paramLabel = "MODEL",
            defaultValue = "all",
            description = "all, cost, forecast, anomaly or cluster. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(
            names = "--lookback",
            paramLabel = "DURATION",
            defaultValue = "14d",
            description = "Train on the executions of this much workload time before the latest one (e.g. 7d, 36h)."
                    + " Default: ${DEFAULT-VALUE}.")
    String lookback;

    @Override
    public Integer call() throws SQLException {
        List<ModelKind<?>> kinds = kinds(spec, model);
        Duration window = Validation.duration(spec, "--lookback", lookback);
        PrintStream out = System.out;
        try (Database database = ConsoleWarehouse.open(common.config(), out)) {
            List<TrainingOutcome> outcomes = ConsoleTraining.train(database, kinds, window, "manual", out);
            return outcomes.stream().anyMatch(o -> o.status() == TrainingOutcome.Status.FAILED) ? 1 : 0;
        }
    }

    static List<ModelKind<?>> kinds(CommandSpec spec, String model) {
        if (model.equals("all")) {
            return ModelKind.ALL;
        }
        return List.of(ModelKind.named(model)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--model must be all, cost, forecast, anomaly or cluster, got " + model)));
    }
}
