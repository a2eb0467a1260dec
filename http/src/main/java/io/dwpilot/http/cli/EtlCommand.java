package io.dwpilot.http.cli;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.etl.EtlPipeline;
import io.dwpilot.persistence.etl.EtlReport;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "etl", mixinStandardHelpOptions = true,
        description = {"Bring silver and gold up to date with bronze, incrementally.",
            "Rejected rows land in silver.quarantine with their reason; running it again changes nothing."})
final class EtlCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        try (Database database = CommonOptions.openWarehouse(common.config(), out)) {
            runEtl(database, out);
            return 0;
        }
    }

    static EtlReport runEtl(Database database, PrintStream out) {
        out.println("ETL bronze -> silver -> gold");
        EtlReport report = new EtlPipeline(database.systemPool()).run(step -> Reports.printEtlStep(out, step));
        Reports.printEtl(out, report);
        return report;
    }
}
