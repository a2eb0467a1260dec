package io.dwpilot.cli;

import io.dwpilot.bench.experiment.ModelsEvaluation;
import io.dwpilot.bench.experiment.ModelsReport;
import io.dwpilot.bench.experiment.SimulatedWeek;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole system on a fresh warehouse and drives it with a simulated retail week with"
                    + " labelled anomalies (the trainer agent trains and activates models as the executions come in);"
                    + " then trains every model on the whole run, scores each against its baselines on held-out data and"
                    + " the anomaly detector against the labels, and writes a Markdown report."
        })
final class ModelsExperiment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WeekOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate(spec, 3); // the forecaster needs three days of buckets to train, tune and test
        PrintStream out = System.out;
        SimulatedWeek week = options.week();
        ModelsReport result = options.run(week, out, new ModelsEvaluation(week, WeekOptions.commandLine(spec), out));
        SimulatedWeek.publish(result.markdown(), options.report(), out);
        return 0;
    }
}
