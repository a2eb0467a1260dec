package io.dwpilot.cli;

import com.typesafe.config.Config;
import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.retail.RetailSpec;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Generate a batch of the retail demo warehouse and bulk-load it into bronze.",
            "Into a loaded warehouse the batch is appended: new ids, the days after the last loaded sale.",
            "Run 'dwpilot etl' afterwards to bring silver and gold up to date."
        })
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
            names = "--scale",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Scale factor: 1 = 10,000 customers, 1,000 products, 1,000,000 sales. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Random seed; the same seed generates the same rows. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "730",
            description = "Days of sales the batch spans. Default: ${DEFAULT-VALUE}.")
    int days;

    @Override
    public Integer call() {
        Validation.positiveScale(spec, "--scale", scale, RetailSpec.MAX_SCALE);
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1, got " + days);
        }
        PrintStream out = System.out;
        Config config = common.config();
        try (Database database = ConsoleWarehouse.open(config, out)) {
            ConsoleWarehouse.loadDemo(database, scale, seed, days, out);
            out.println("Next: dwpilot etl");
            return 0;
        }
    }
}
