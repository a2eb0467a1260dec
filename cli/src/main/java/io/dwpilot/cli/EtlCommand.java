package io.dwpilot.cli;

import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "etl",
        mixinStandardHelpOptions = true,
        description = {
            "Bring silver and gold up to date with bronze, incrementally.",
            "Rejected rows land in silver.quarantine with their reason; running it again changes nothing."
        })
final class EtlCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (Database database = ConsoleWarehouse.open(common.config(), out)) {
            ConsoleWarehouse.runEtl(database, out);
            return 0;
        }
    }
}
