package io.dwpilot.cli;

import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.console.ConsoleLoadProgress;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.tpch.TpchLoad;
import io.dwpilot.simulator.tpch.TpchLoader;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "load-tpch",
        mixinStandardHelpOptions = true,
        description = {
            "Load TPC-H at a scale factor into the tpch schema, replacing what it held.",
            "SF 1 is about 8.7 million rows (6 million line items)."
        })
final class LoadTpchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--sf", paramLabel = "N", required = true, description = "TPC-H scale factor, e.g. 0.1 or 1.")
    double scaleFactor;

    @Override
    public Integer call() {
        Validation.positiveScale(spec, "--sf", scaleFactor, TpchLoader.MAX_SCALE_FACTOR);
        PrintStream out = System.out;
        try (Database database = ConsoleWarehouse.open(common.config(), out)) {
            TpchLoad load = new TpchLoader(database.systemPool()).load(scaleFactor, new ConsoleLoadProgress(out));
            out.printf(
                    "TPC-H SF %s loaded: %,d rows in %.1f s%n",
                    scaleFactor, load.totalRows(), load.duration().toMillis() / 1000.0);
            return 0;
        }
    }
}
