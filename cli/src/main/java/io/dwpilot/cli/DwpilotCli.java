package io.dwpilot.cli;

import com.typesafe.config.ConfigException;
import io.dwpilot.http.ServerBindException;
import io.dwpilot.persistence.DatabaseUnavailableException;
import io.dwpilot.persistence.access.AccessSetupException;
import io.dwpilot.persistence.etl.EtlException;
import io.dwpilot.simulator.load.LoadException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "dwpilot",
        mixinStandardHelpOptions = true,
        version = "dwpilot 0.1.0",
        description = "A self-optimizing PostgreSQL data warehouse.",
        subcommands = {
            UpCommand.class,
            LoadCommand.class,
            EtlCommand.class,
            LoadTpchCommand.class,
            BenchCommand.class,
            SimulateCommand.class,
            ReplayCommand.class,
            TrainCommand.class,
            ExperimentCommand.class,
            RolesCommand.class
        })
public final class DwpilotCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: try 'dwpilot up' or 'dwpilot --help'");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with dwpilot's error handling: known failures print one clear line and exit with 1. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DwpilotCli());
        cli.setExecutionExceptionHandler(DwpilotCli::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof DatabaseUnavailableException
                || e instanceof AccessSetupException
                || e instanceof LoadException
                || e instanceof EtlException
                || e instanceof ServerBindException
                || e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
        } else if (e instanceof ConfigException) {
            err.println("error: invalid configuration: " + e.getMessage());
        } else {
            err.println("error: unexpected failure: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }
}
