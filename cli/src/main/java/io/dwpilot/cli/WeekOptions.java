package io.dwpilot.cli;

import io.dwpilot.bench.experiment.SimulatedWeek;
import io.dwpilot.simulator.retail.RetailSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of the experiments that run a {@link SimulatedWeek}, with their checks. */
final class WeekOptions {
    @Mixin
    CommonOptions common;

    @Mixin
    WorkloadPace pace;

    @Option(
            names = "--anomalies",
            paramLabel = "N",
            defaultValue = "-1",
            description = "Anomaly episodes to inject. Default: two per simulated day.")
    int anomalies;

    @Option(
            names = "--scale",
            paramLabel = "N",
            defaultValue = "0.1",
            description = "Retail data scale loaded into an empty warehouse. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write the Markdown report here, e.g. docs/results/.")
    Path report;

    @Option(
            names = "--keep-data",
            description = "Keep the temporary data directory (to run 'dwpilot replay --data-dir',"
                    + " 'train' or 'bench' on it).")
    boolean keepData;

    /** @throws ParameterException for a value out of range, or fewer than {@code minDays} simulated days */
    void validate(CommandSpec spec, double minDays) {
        pace.validate(spec, minDays);
        if (anomalies < -1) {
            throw new ParameterException(spec.commandLine(), "--anomalies cannot be negative, got " + anomalies);
        }
        Validation.positiveScale(spec, "--scale", scale, RetailSpec.MAX_SCALE);
    }

    SimulatedWeek week() {
        int episodes = anomalies >= 0 ? anomalies : (int) Math.ceil(2 * pace.days);
        return new SimulatedWeek(new SimulatedWeek.Plan(
                scale, episodes, pace.days, pace.speed, pace.qps, pace.concurrency, pace.seed, keepData));
    }

    /** Runs the week on the configured database (a temporary one unless --db-url or --data-dir is given). */
    <R> R run(SimulatedWeek week, PrintStream out, SimulatedWeek.Evaluation<R> evaluation) throws Exception {
        return week.run(common.config(), common.dataDirectory != null, out, evaluation);
    }

    /** The original arguments of the whole command line, from the experiment's name on, for the report. */
    static String commandLine(CommandSpec spec) {
        return "./dwpilot "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    Optional<Path> report() {
        return Optional.ofNullable(report);
    }
}
