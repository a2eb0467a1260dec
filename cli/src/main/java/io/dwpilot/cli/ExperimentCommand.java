package io.dwpilot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "experiment",
        mixinStandardHelpOptions = true,
        description = "Long experiments that run the whole system and write a report under docs/results.",
        subcommands = {AgentsExperiment.class, ModelsExperiment.class, FaultsExperiment.class})
final class ExperimentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing experiment: try 'dwpilot experiment agents'");
    }
}
