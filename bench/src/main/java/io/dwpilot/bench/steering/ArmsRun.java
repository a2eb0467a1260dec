package io.dwpilot.bench.steering;

import com.typesafe.config.Config;
import io.dwpilot.bench.indexes.BenchStatement;
import io.dwpilot.bench.indexes.BenchWorkloads;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.query.PlanArm;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.load.BronzeLoader;
import io.dwpilot.simulator.workload.ParameterSpace;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code dwpilot bench arms}: the candidate hint sets on the configured warehouse's own data (reads only, every run
 * rolled back): the 22 TPC-H queries of its {@code tpch} schema ({@code dwpilot load-tpch} first) or a seeded sample
 * of the retail read templates.
 */
public final class ArmsRun {
    private final String workload;
    private final int statements;
    private final ArmsBenchmark.Settings settings;
    private final PrintStream out;

    public ArmsRun(String workload, int statements, ArmsBenchmark.Settings settings, PrintStream out) {
        if (!workload.equals("tpch") && !workload.equals("retail")) {
            throw new IllegalArgumentException("--workload must be tpch or retail, not '" + workload + "'");
        }
        this.workload = workload;
        this.statements = statements;
        this.settings = settings;
        this.out = out;
    }

    public ArmsReport run(Config config) throws SQLException {
        try (Database database = ConsoleWarehouse.open(config, out)) {
            DataSource db = database.systemPool();
            List<BenchStatement> workloadStatements = statements(db);
            ArmsBenchmark benchmark = new ArmsBenchmark(db, settings, PlanArm.candidates(), out);
            out.printf(
                    "%d statements × %d arms × %d rounds (and a warm-up run each), timeout %d ms%n",
                    workloadStatements.size(),
                    benchmark.arms().size(),
                    settings.rounds(),
                    settings.timeout().toMillis());
            List<ArmsBenchmark.Measured> measured = benchmark.run(workloadStatements);
            return new ArmsReport(describe(workloadStatements.size(), database), settings, benchmark.arms(), measured);
        }
    }

    private List<BenchStatement> statements(DataSource db) throws SQLException {
        if (workload.equals("tpch")) {
            if (tpchCustomers(db) == 0) {
                throw new IllegalArgumentException(
                        "The warehouse holds no TPC-H data: run 'dwpilot load-tpch --sf 0.1' first");
            }
            return BenchWorkloads.tpch();
        }
        if (new BronzeLoader(db).warehouseEmpty()) {
            throw new IllegalArgumentException(
                    "The warehouse is empty: run 'dwpilot load --scale 0.1' and 'dwpilot etl' first");
        }
        return BenchWorkloads.retail(ParameterSpace.read(db), statements, settings.seed());
    }

    private static long tpchCustomers(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('tpch.customer') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tpch.customer")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String describe(int count, Database database) {
        String what = workload.equals("tpch")
                ? "The 22 TPC-H queries (validation parameters) on the warehouse's tpch schema"
                : "Retail read templates, " + count + " statements drawn with seed " + settings.seed();
        return what + ", PostgreSQL " + database.serverVersion();
    }
}
