package io.dwpilot.bench.gateway;

import com.typesafe.config.Config;
import io.dwpilot.http.FrontDoor;
import io.dwpilot.http.Readiness;
import io.dwpilot.persistence.Database;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.load.BronzeLoader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code dwpilot bench front-door}: the HTTP front door driven by a load generator in its own process (wrk) at several
 * concurrencies, beside pgbench against the same PostgreSQL in the same run: {@code pgbench -S} (the server's own
 * select-only benchmark, the physical limit of the machine) and a pgbench script sending the very statement the
 * front door is sent. Both tools must be installed (Debian packages wrk and postgresql-client).
 */
public final class FrontDoorLoad {
    private static final int[] CONCURRENCY = {1, 8, 32, 128};
    /** pgbench's own tables, in a database of their own next to the warehouse. */
    private static final String PGBENCH_DATABASE = "dwpilot_pgbench";

    private static final int PGBENCH_SCALE = 10;

    private final int seconds;
    private final Optional<Path> report;
    private final PrintStream out;

    /** @param seconds measured per run (each run follows a warm-up of a third as long) */
    public FrontDoorLoad(int seconds, Optional<Path> report, PrintStream out) {
        this.seconds = seconds;
        this.report = report;
        this.out = out;
    }

    public void run(Config config) throws Exception {
        ExternalTool.require("wrk", "wrk");
        ExternalTool.require("pgbench", "postgresql-client");
        Path work = Files.createTempDirectory("dwpilot-front-door-bench");
        try (Database database = ConsoleWarehouse.open(config, out)) {
            if (new BronzeLoader(database.systemPool()).warehouseEmpty()) {
                throw new IllegalArgumentException(
                        "The warehouse is empty: run 'dwpilot load --scale 0.1' and 'dwpilot etl' first");
            }
            long customers = maxCustomerId(database);
            String lookup = "SELECT customer_id, first_name, last_name, segment FROM silver.customer_cleaned"
                    + " WHERE customer_id = ";
            PgBench pgbench = PgBench.prepare(database, PGBENCH_DATABASE, PGBENCH_SCALE, work, out);
            Path wrkScript = Wrk.lookupScript(work, lookup, customers);
            Path pgbenchScript = pgbench.lookupScript(lookup, customers);
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "dwpilot-bench", config);
            Readiness readiness = new Readiness();
            readiness.markReady();
            List<Row> rows = new ArrayList<>();
            try (FrontDoor frontDoor = FrontDoor.start(config, database, system, "127.0.0.1", 0, readiness)) {
                String url = "http://127.0.0.1:" + frontDoor.port() + "/api/v1/queries/execute";
                for (int connections : CONCURRENCY) {
                    int warmUp = Math.max(1, seconds / 3);
                    Wrk.run(wrkScript, url, connections, warmUp);
                    Latencies frontDoorRun = Wrk.run(wrkScript, url, connections, seconds);
                    Latencies sameStatement = pgbench.run(Optional.of(pgbenchScript), connections, seconds);
                    Latencies selectOnly = pgbench.run(Optional.empty(), connections, seconds);
                    Row row = new Row(connections, frontDoorRun, sameStatement, selectOnly);
                    out.println(row.line());
                    rows.add(row);
                }
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
            }
            if (report.isPresent()) {
                Files.writeString(report.get(), markdown(rows, database));
                out.println("Report written to " + report.get());
            }
        }
    }

    private static long maxCustomerId(Database database) throws Exception {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(customer_id) FROM silver.customer_cleaned")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One concurrency: the front door through wrk, the same statement and pgbench -S through pgbench. */
    record Row(int connections, Latencies frontDoor, Latencies sameStatement, Latencies selectOnly) {
        String line() {
            return String.format(
                    Locale.ROOT,
                    "%4d connections  front door %s  |  pgbench same statement %s  |  pgbench -S %s",
                    connections,
                    frontDoor.summary(),
                    sameStatement.summary(),
                    selectOnly.summary());
        }

        String markdownRow() {
            return String.format(
                    Locale.ROOT,
                    "| %d | %,.0f | %.2f | %.2f | %.1f | %d | %d | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %.0f %% |",
                    connections,
                    frontDoor.perSecond(),
                    frontDoor.p50Ms(),
                    frontDoor.p99Ms(),
                    frontDoor.p99Ms() / frontDoor.p50Ms(),
                    frontDoor.failed(),
                    sameStatement.connections(),
                    sameStatement.perSecond(),
                    sameStatement.p50Ms(),
                    sameStatement.p99Ms(),
                    selectOnly.perSecond(),
                    selectOnly.p50Ms(),
                    selectOnly.p99Ms(),
                    100 * frontDoor.perSecond() / selectOnly.perSecond());
        }
    }

    private String markdown(List<Row> rows, Database database) {
        StringBuilder md = new StringBuilder();
        md.append("Measured ")
                .append(LocalDate.now())
                .append(" with `dwpilot bench front-door --seconds ")
                .append(seconds)
                .append("`: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, PostgreSQL ")
                .append(database.serverVersion())
                .append(", pgbench -S at scale ")
                .append(PGBENCH_SCALE)
                .append(". Each run lasts ")
                .append(seconds)
                .append(
                        " s; latencies in ms; failed = answers other than 2xx; pgbench runs with as many clients as the")
                .append(" server has sessions free (one per client).\n\n");
        md.append("| connections | front door q/s | p50 | p99 | p99/p50 | failed | pgbench clients | same statement,"
                + " pgbench q/s | p50 | p99 | pgbench -S q/s | p50 | p99 | front door / pgbench -S |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r.markdownRow()).append('\n'));
        return md.toString();
    }
}
