package io.dwpilot.simulator.console;

import com.typesafe.config.Config;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.Migrations;
import io.dwpilot.persistence.etl.EtlPipeline;
import io.dwpilot.persistence.etl.EtlReport;
import io.dwpilot.simulator.load.BronzeLoad;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.retail.RetailSpec;
import java.io.PrintStream;

/**
 * The steps that prepare a warehouse from the console, shared by the commands and the experiments: open it (roles
 * made ready, schemas migrated), load a batch of retail data, run the ETL; each tells its progress on {@code out}.
 */
public final class ConsoleWarehouse {
    private ConsoleWarehouse() {}

    /**
     * Opens the database (its roles made ready, the optional extensions it offers installed) and brings its schemas
     * up to date.
     */
    public static Database open(Config config, PrintStream out) {
        return open(DatabaseSettings.fromConfig(config), out);
    }

    public static Database open(DatabaseSettings settings, PrintStream out) {
        out.println(
                settings.embedded()
                        ? "Starting the embedded PostgreSQL (data directory "
                                + settings.embeddedDataDirectory().toAbsolutePath() + ")"
                        : "Connecting to " + settings.url().orElseThrow());
        Database database = Database.open(settings);
        try {
            int applied = database.migrate();
            out.printf(
                    "PostgreSQL %s (%s), schema %s%s; %s%n",
                    database.serverVersion(),
                    database.mode().name().toLowerCase(),
                    new Migrations(database.systemPool()).currentVersion(),
                    applied > 0 ? " (" + applied + " migrations applied)" : "",
                    database.rolesKept()
                            ? "users' statements run under least-privilege roles"
                            : "WARNING: users' statements run as " + database.user() + " (allow-superuser-sessions)");
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public static BronzeLoad loadDemo(Database database, double scale, long seed, int days, PrintStream out) {
        BronzeLoader loader = new BronzeLoader(database.systemPool());
        boolean append = !loader.warehouseEmpty();
        RetailSpec spec = loader.nextSpec(scale, seed, days);
        out.printf(
                "%s retail batch: scale %s, seed %d, %s to %s%n",
                append ? "Appending a" : "Loading the first", scale, seed, spec.startDate(), spec.endDate());
        BronzeLoad load = loader.load(spec, new ConsoleLoadProgress(out));
        Reports.printLoad(out, load);
        return load;
    }

    public static EtlReport runEtl(Database database, PrintStream out) {
        out.println("ETL bronze -> silver -> gold");
        EtlReport report = new EtlPipeline(database.systemPool()).run(step -> Reports.printEtlStep(out, step));
        Reports.printEtl(out, report);
        return report;
    }
}
