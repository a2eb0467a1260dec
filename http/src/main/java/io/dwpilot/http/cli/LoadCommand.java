package io.dwpilot.http.cli;

import com.typesafe.config.Config;
import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.load.BronzeLoad;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.retail.RetailSpec;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Generate a batch of the retail demo warehouse and bulk-load it into bronze.",
            "Into a loaded warehouse the batch is appended: new ids, the days after the last loaded sale.",
            "Run 'dwpilot etl' afterwards to bring silver and gold up to date."})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--scale", paramLabel = "N", defaultValue = "1",
            description = "Scale factor: 1 = 10,000 customers, 1,000 products, 1,000,000 sales. Default: ${DEFAULT-VALUE}.")
    double scale;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed; the same seed generates the same rows. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--days", paramLabel = "N", defaultValue = "730",
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
        try (Database database = CommonOptions.openWarehouse(config, out)) {
            loadDemo(database, scale, seed, days, out);
            out.println("Next: dwpilot etl");
            return 0;
        }
    }

    static BronzeLoad loadDemo(Database database, double scale, long seed, int days, PrintStream out) {
        BronzeLoader loader = new BronzeLoader(database.systemPool());
        boolean append = !loader.warehouseEmpty();
        RetailSpec spec = loader.nextSpec(scale, seed, days);
        out.printf("%s retail batch: scale %s, seed %d, %s to %s%n", append ? "Appending a" : "Loading the first",
                scale, seed, spec.startDate(), spec.endDate());
        BronzeLoad load = loader.load(spec, new ConsoleLoadProgress(out));
        Reports.printLoad(out, load);
        return load;
    }
}
