package io.dwpilot.bench.indexes;

import com.typesafe.config.Config;
import io.dwpilot.agents.indexer.WorkloadStatement;
import io.dwpilot.bench.indexes.WorkloadTimer.Timing;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.DatabaseSettings;
import io.dwpilot.persistence.access.Login;
import io.dwpilot.persistence.catalog.IndexCatalog;
import io.dwpilot.persistence.whatif.WhatIf;
import io.dwpilot.persistence.whatif.WhatIfs;
import io.dwpilot.simulator.console.ConsoleLoadProgress;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.tpch.TpchLoader;
import io.dwpilot.simulator.workload.ParameterSpace;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code dwpilot bench indexes}: in the benchmark's own database on the configured server, prepares the data, starts
 * from keys-only indexes, compares dwpilot's index selection with plain Extend and a Dexter-style advisor at each
 * budget on the planner's what-if costs, then measures the workload before and after building dwpilot's selection.
 */
public final class IndexBenchmark {
    /** TPC-H SF 1 has 150,000 customers. */
    private static final double TPCH_CUSTOMERS_PER_SCALE = 150_000;
    /** The retail data's span, as {@code dwpilot load} generates by default. */
    private static final int RETAIL_DAYS = 730;

    /**
     * What to benchmark: {@code workload} tpch (at {@code scaleFactor}) or retail ({@code statements} drawn with
     * {@code seed} from data at {@code retailScale}); the storage budgets as multiples of the workload tables' size,
     * the one whose selection is built and measured, dwpilot's least savings per query that count, and each measured
     * statement's timeout.
     */
    public record Settings(
            String workload,
            double scaleFactor,
            double retailScale,
            int statements,
            long seed,
            List<Double> budgets,
            double applyBudget,
            List<Double> minimumSavings,
            Duration timeout) {
        public Settings {
            budgets = List.copyOf(budgets);
            minimumSavings = List.copyOf(minimumSavings);
        }
    }

    private final Settings options;
    private final PrintStream out;

    public IndexBenchmark(Settings options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public IndexBenchReport run(Config config) throws SQLException {
        DatabaseSettings settings = DatabaseSettings.fromConfig(config);
        try (Database server = Database.open(settings)) {
            Login superuser = server.bootstrapLogin();
            if (BenchDatabase.createIfMissing(server.url(), superuser)) {
                out.println("Created the benchmark's own database " + BenchDatabase.NAME);
            }
            out.println("The benchmark works in " + BenchDatabase.NAME + " (it drops and builds indexes there);"
                    + " the configured warehouse is not changed");
            // the roles are the server's: the same login prepares them, with the passwords kept for the warehouse
            DatabaseSettings benchSettings = settings.withExternal(
                            BenchDatabase.url(server.url()), superuser.user(), superuser.password())
                    .withAccess(settings.access().withCredentialsFile(settings.credentialsFile()));
            try (Database bench = ConsoleWarehouse.open(benchSettings, out)) {
                return run(bench);
            }
        }
    }

    private IndexBenchReport run(Database bench) throws SQLException {
        DataSource db = bench.systemPool();
        if (WhatIfs.hypopgSchema(db).isEmpty()) {
            out.println("WARNING: this PostgreSQL has no hypopg extension, so every what-if call builds the index for"
                    + " real in a rolled-back transaction: on TPC-H SF 1 the selections take hours. Install hypopg"
                    + " (Debian: postgresql-<version>-hypopg) or point --db-url at a server that has it.");
        }
        List<BenchStatement> statements = prepareData(bench);
        List<WorkloadStatement> workload =
                statements.stream().map(s -> new WorkloadStatement(s.sql(), 1)).toList();
        Set<String> tables = PreparedWorkload.tables(workload);
        SecondaryIndexes indexes = new SecondaryIndexes(db);
        List<String> dropped = indexes.dropOn(tables);
        out.println(
                dropped.isEmpty()
                        ? "The workload's tables have keys-only indexes"
                        : "Dropped to start from keys-only indexes: " + String.join(", ", dropped));
        out.println("ANALYZE " + String.join(", ", tables));
        indexes.analyze(tables);

        WhatIf planner = WhatIfs.forDatabase(db);
        out.printf("Comparing the selectors on %d statements at budgets %s%n", statements.size(), options.budgets());
        SelectorComparison comparison =
                new SelectorComparison(new IndexCatalog(db), planner, workload, options.minimumSavings());
        List<SelectorComparison.Row> rows = comparison.run(options.budgets(), out);
        SelectorComparison.Row applied = rows.stream()
                .filter(row -> row.selector().equals(SelectorComparison.DWPILOT)
                        && row.budgetFactor() == options.applyBudget())
                .findFirst()
                .orElseThrow();

        WorkloadTimer timer = new WorkloadTimer(db, options.timeout());
        out.println("Measuring the workload with keys-only indexes");
        List<Timing> before = timer.run(statements, "keys only", out);
        out.printf(
                "Building dwpilot's %d indexes at budget %sx%n",
                applied.indexes().size(), options.applyBudget());
        indexes.build(applied.indexes(), out);
        out.println("Measuring the workload with dwpilot's selection");
        List<Timing> after = timer.run(statements, "dwpilot", out);
        return new IndexBenchReport(
                describe(statements.size()),
                comparison.workload().dataBytes(),
                rows,
                applied,
                before,
                after,
                options.timeout());
    }

    /** Loads what the workload needs unless the benchmark database holds it already; returns its statements. */
    private List<BenchStatement> prepareData(Database bench) throws SQLException {
        DataSource db = bench.systemPool();
        if (options.workload().equals("tpch")) {
            double loaded = tpchScale(db);
            if (Math.abs(loaded - options.scaleFactor()) > 1e-9) {
                out.printf(
                        "Loading TPC-H SF %s (the benchmark database holds %s)%n",
                        options.scaleFactor(), loaded == 0 ? "none" : "SF " + loaded);
                new TpchLoader(db).load(options.scaleFactor(), new ConsoleLoadProgress(out));
            } else {
                out.printf("TPC-H SF %s is loaded%n", options.scaleFactor());
            }
            return BenchWorkloads.tpch();
        }
        BronzeLoader loader = new BronzeLoader(db);
        if (loader.warehouseEmpty()) {
            out.printf("Loading the retail warehouse at scale %s, then the ETL%n", options.retailScale());
            ConsoleWarehouse.loadDemo(bench, options.retailScale(), options.seed(), RETAIL_DAYS, out);
            ConsoleWarehouse.runEtl(bench, out);
        } else {
            out.println(
                    "The retail warehouse is loaded (its scale is whatever was loaded first; --scale is not applied)");
        }
        return BenchWorkloads.retail(ParameterSpace.read(db), options.statements(), options.seed());
    }

    private static double tpchScale(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM tpch.customer")) {
            rs.next();
            return rs.getLong(1) / TPCH_CUSTOMERS_PER_SCALE;
        }
    }

    private String describe(int statements) {
        return options.workload().equals("tpch")
                ? "TPC-H SF " + options.scaleFactor() + ", the 22 queries (weight 1 each)"
                : "Retail workload, " + statements + " statements drawn with seed " + options.seed()
                        + " (2 dashboard : 1 analyst, weight = times drawn)";
    }
}
