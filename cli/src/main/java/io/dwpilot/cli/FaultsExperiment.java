package io.dwpilot.cli;

import io.dwpilot.bench.experiment.SimulatedWeek;
import io.dwpilot.bench.faults.FaultExperiment;
import io.dwpilot.bench.faults.FaultPlan;
import io.dwpilot.bench.faults.FaultsReport;
import io.dwpilot.simulator.retail.RetailSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "faults",
        mixinStandardHelpOptions = true,
        description = {
            "Starts its own embedded PostgreSQL with a fresh warehouse and 'dwpilot up' in a JVM of its own (-Xmx512m)"
                    + " with two analysts' and an admin's tokens, then measures: the normal workload alone; overload"
                    + " at a multiple of the admission lanes' capacity; one caller flooding beside the normal workload;"
                    + " PostgreSQL stopped and started again under load; dwpilot killed with SIGKILL during an index"
                    + " build and during a burst of journal writes. Prints PASS or MISS for each aim with its numbers"
                    + " and writes a Markdown report. Uses the CPU fully: run nothing else beside it."
        })
final class FaultsExperiment implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--scale",
            paramLabel = "N",
            defaultValue = "1",
            description = "Retail data scale of the fresh warehouse. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(
            names = "--baseline",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "How long the normal workload runs alone to measure its p95. Default: ${DEFAULT-VALUE}.")
    String baseline;

    @Option(
            names = "--overload",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How long the overload lasts. Default: ${DEFAULT-VALUE}.")
    String overload;

    @Option(
            names = "--overload-factor",
            paramLabel = "N",
            defaultValue = "10",
            description = "Concurrent clients of the overload and of the flood, as a multiple of the two lanes'"
                    + " configured limits. Default: ${DEFAULT-VALUE}.")
    int overloadFactor;

    @Option(
            names = "--flood",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "How long one caller floods beside the normal workload. Default: ${DEFAULT-VALUE}.")
    String flood;

    @Option(
            names = "--outage",
            paramLabel = "DURATION",
            defaultValue = "20s",
            description = "How long PostgreSQL stays stopped. Default: ${DEFAULT-VALUE}.")
    String outage;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "4",
            description = "Concurrent clients of the normal workload. Default: ${DEFAULT-VALUE}.")
    int clients;

    @Option(
            names = "--settle",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description = "The most to wait after a fault for what must follow (log rows written, INVALID indexes"
                    + " dropped, the decision read model caught up). Default: ${DEFAULT-VALUE}.")
    String settle;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed of the statements' choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Write the Markdown report here, e.g. docs/results/faults.md.")
    Path report;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "A setting of the dwpilot under test (repeatable), e.g."
                    + " --set dwpilot.gateway.max-concurrent=4: to compare configurations under the same faults.")
    List<String> settings = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Validation.positiveScale(spec, "--scale", scale, RetailSpec.MAX_SCALE);
        if (overloadFactor < 1 || clients < 1) {
            throw new ParameterException(spec.commandLine(), "--overload-factor and --clients must be at least 1");
        }
        FaultPlan plan = new FaultPlan(
                scale,
                Validation.duration(spec, "--baseline", baseline),
                Validation.duration(spec, "--overload", overload),
                overloadFactor,
                Validation.duration(spec, "--flood", flood),
                Validation.duration(spec, "--outage", outage),
                clients,
                Validation.duration(spec, "--settle", settle),
                seed);
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx512m", "-Dai.djl.offline=true"));
        for (String setting : settings) {
            if (!setting.matches("dwpilot\\.[A-Za-z0-9.-]+=.+")) {
                throw new ParameterException(
                        spec.commandLine(), "--set takes a dwpilot setting as KEY=VALUE, not '" + setting + "'");
            }
            jvmOptions.add("-D" + setting);
        }
        PrintStream out = System.out;
        FaultsReport result = new FaultExperiment(
                        plan, new FaultExperiment.DwpilotLaunch(DwpilotCli.class.getName(), List.copyOf(jvmOptions)))
                .run(WeekOptions.commandLine(spec), out);
        SimulatedWeek.publish(result.markdown(), Optional.ofNullable(report), out);
        return 0;
    }
}
