package io.dwpilot.cli;

import io.dwpilot.bench.experiment.AgentsEvaluation;
import io.dwpilot.bench.experiment.AgentsReport;
import io.dwpilot.bench.experiment.SimulatedWeek;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "agents",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole system on a fresh warehouse (embedded PostgreSQL in a temporary directory unless"
                    + " --db-url or --data-dir is given) and drives it with a simulated retail week with labelled anomalies;"
                    + " then scores the forecaster against the arrivals that came and the anomaly watcher against the"
                    + " labels, lists the governor's decisions, and writes a Markdown report."
        })
final class AgentsExperiment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    WeekOptions options;

    @Override
    public Integer call() throws Exception {
        options.validate(spec, 3); // the forecaster needs two days of history before a day can be scored
        PrintStream out = System.out;
        SimulatedWeek week = options.week();
        AgentsReport result = options.run(week, out, new AgentsEvaluation(week.setup(), WeekOptions.commandLine(spec)));
        SimulatedWeek.publish(result.markdown(), options.report(), out);
        return 0;
    }
}
