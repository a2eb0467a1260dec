package io.dwpilot.cli;

import io.dwpilot.simulator.console.Reports;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How a simulated workload runs: the options 'simulate' and the experiments share, with their checks. */
final class WorkloadPace {
    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "7",
            description = "Simulated days to run. Default: ${DEFAULT-VALUE}.")
    double days;

    @Option(
            names = "--speed",
            paramLabel = "X",
            defaultValue = "1000",
            description =
                    "Simulated seconds per real second (1000: a week in about 10 minutes). Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(
            names = "--qps",
            paramLabel = "N",
            defaultValue = "50",
            description = "Target queries per second at the profile's average rate. Default: ${DEFAULT-VALUE}.")
    double qps;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "8",
            description = "Virtual users sending at once. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** @throws ParameterException for a value out of range, or fewer than {@code minDays} days */
    void validate(CommandSpec spec, double minDays) {
        if (!(days > 0) || !(days >= minDays) || Double.isInfinite(days)) {
            throw usage(
                    spec,
                    "--days must be " + (minDays > 0 ? "at least " + Reports.trim(minDays) : "greater than 0")
                            + ", got " + Reports.trim(days));
        }
        if (!(speed >= 1) || Double.isInfinite(speed)) {
            throw usage(spec, "--speed must be at least 1, got " + speed);
        }
        if (!(qps > 0) || Double.isInfinite(qps)) {
            throw usage(spec, "--qps must be greater than 0, got " + qps);
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw usage(spec, "--concurrency must be 1..1024, got " + concurrency);
        }
    }

    private static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
