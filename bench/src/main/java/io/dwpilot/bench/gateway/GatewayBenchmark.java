package io.dwpilot.bench.gateway;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.dwpilot.gateway.serving.ModelKind;
import io.dwpilot.http.FrontDoor;
import io.dwpilot.http.Readiness;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.simulator.console.ConsoleWarehouse;
import io.dwpilot.simulator.load.BronzeLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@code dwpilot bench gateway}: the same point lookups and small aggregates through plain JDBC and through the HTTP
 * gateway at concurrency 1, 8 and 32 (latency p50/p95, throughput, the gateway/JDBC ratios), through a second gateway
 * with learning off alternating call by call (what learning adds to the p50), and the cost of users' roles and the
 * session reset ({@link SessionCostBench}).
 */
public final class GatewayBenchmark {
    private static final int[] CONCURRENCY = {1, 8, 32};

    private final int calls;
    private final Optional<Path> report;
    private final PrintStream out;

    /** @param calls per run; @param report where to write the results as Markdown, if anywhere */
    public GatewayBenchmark(int calls, Optional<Path> report, PrintStream out) {
        this.calls = calls;
        this.report = report;
        this.out = out;
    }

    public void run(Config config) throws Exception {
        try (Database database = ConsoleWarehouse.open(config, out)) {
            if (new BronzeLoader(database.systemPool()).warehouseEmpty()) {
                throw new IllegalArgumentException(
                        "The warehouse is empty: run 'dwpilot load --scale 0.1' and 'dwpilot etl' first");
            }
            List<String> queries = queries(database);
            ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "dwpilot-bench", config);
            Readiness readiness = new Readiness();
            readiness.markReady();
            Config unlearned = config.withValue("dwpilot.gateway.learning", ConfigValueFactory.fromAnyRef(false));
            try (FrontDoor frontDoor = FrontDoor.start(config, database, system, "127.0.0.1", 0, readiness);
                    FrontDoor plain = FrontDoor.start(unlearned, database, system, "127.0.0.1", 0, readiness)) {
                String serving = frontDoor
                        .gateway()
                        .models()
                        .get(ModelKind.COST)
                        .map(s -> "cost model " + s.label() + " serving")
                        .orElse("no cost model serving (run 'dwpilot train --model cost' first to include prediction)");
                out.println("Learning gateway: " + serving);
                List<String> rows = run(database, frontDoor.port(), plain.port(), queries, out);
                List<SessionCostBench.Row> sessions = SessionCostBench.run(database, config, queries, calls, out);
                if (report.isPresent()) {
                    writeReport(rows, sessions, database, serving);
                    out.println("Report written to " + report.get());
                }
            } finally {
                system.terminate();
                system.getWhenTerminated().toCompletableFuture().join();
            }
        }
    }

    /** Point lookups by primary key and a small aggregate over one day of the summary, varied per call. */
    private List<String> queries(Database database) throws Exception {
        long customers;
        LocalDate firstDay;
        LocalDate lastDay;
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT max(customer_id) FROM silver.customer_cleaned),"
                        + " min(sale_date), max(sale_date) FROM gold.sales_summary")) {
            rs.next();
            customers = rs.getLong(1);
            firstDay = rs.getDate(2).toLocalDate();
            lastDay = rs.getDate(3).toLocalDate();
        }
        int days = (int) (lastDay.toEpochDay() - firstDay.toEpochDay()) + 1;
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            queries.add(
                    i % 2 == 0
                            ? "SELECT customer_id, first_name, last_name, segment FROM silver.customer_cleaned WHERE customer_id = "
                                    + (1 + (i * 7919L) % customers)
                            : "SELECT category, sum(net_revenue) FROM gold.sales_summary WHERE sale_date = DATE '"
                                    + firstDay.plusDays((i * 31L) % days) + "' GROUP BY category");
        }
        return queries;
    }

    private List<String> run(Database database, int port, int plainPort, List<String> queries, PrintStream out)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI execute = URI.create("http://127.0.0.1:" + port + "/api/v1/queries/execute");
        URI plainExecute = URI.create("http://127.0.0.1:" + plainPort + "/api/v1/queries/execute");
        // warm every path (JIT, connections, plans) before measuring
        LatencyRun.measure(8, Math.min(calls, 2000), i -> jdbc(database, queries.get(i % queries.size())));
        LatencyRun.measure(8, Math.min(calls, 2000), i -> gateway(http, execute, queries.get(i % queries.size())));
        LatencyRun.measure(8, Math.min(calls, 2000), i -> gateway(http, plainExecute, queries.get(i % queries.size())));
        List<String> rows = new ArrayList<>();
        out.printf(
                "%n%-12s %10s %10s %10s %10s %10s %10s %12s %12s %12s%n",
                "concurrency",
                "jdbc p50",
                "jdbc p95",
                "jdbc q/s",
                "http p50",
                "http p95",
                "http q/s",
                "p50 added",
                "q/s ratio",
                "learning p50");
        for (int concurrency : CONCURRENCY) {
            LatencyRun.Summary jdbc =
                    LatencyRun.measure(concurrency, calls, i -> jdbc(database, queries.get(i % queries.size())));
            LatencyRun.Summary gw = LatencyRun.measure(
                    concurrency, calls, i -> gateway(http, execute, queries.get(i % queries.size())));
            LatencyRun.Pair learning = LatencyRun.measureAlternating(
                    concurrency,
                    calls,
                    i -> gateway(http, execute, queries.get(i % queries.size())),
                    i -> gateway(http, plainExecute, queries.get(i % queries.size())));
            LatencyRun.Summary plain = learning.second();
            double learningAdds = learning.first().p50Ms() - plain.p50Ms();
            String row = String.format(
                    "| %d | %.3f | %.3f | %,.0f | %.3f | %.3f | %,.0f | %+.3f ms | %.2f | %.3f | %.3f"
                            + " | %+.3f ms |",
                    concurrency,
                    jdbc.p50Ms(),
                    jdbc.p95Ms(),
                    jdbc.throughputPerSecond(),
                    gw.p50Ms(),
                    gw.p95Ms(),
                    gw.throughputPerSecond(),
                    gw.p50Ms() - jdbc.p50Ms(),
                    gw.throughputPerSecond() / jdbc.throughputPerSecond(),
                    learning.first().p50Ms(),
                    plain.p50Ms(),
                    learningAdds);
            rows.add(row);
            out.printf(
                    "%-12d %8.3fms %8.3fms %10.0f %8.3fms %8.3fms %10.0f %+10.3fms %12.2f %+10.3fms%n",
                    concurrency,
                    jdbc.p50Ms(),
                    jdbc.p95Ms(),
                    jdbc.throughputPerSecond(),
                    gw.p50Ms(),
                    gw.p95Ms(),
                    gw.throughputPerSecond(),
                    gw.p50Ms() - jdbc.p50Ms(),
                    gw.throughputPerSecond() / jdbc.throughputPerSecond(),
                    learningAdds);
        }
        return rows;
    }

    private static void jdbc(Database database, String sql) {
        try (Connection c = database.sessions().pool(DatabaseRole.ANALYST).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rs.getObject(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("JDBC call failed: " + e.getMessage(), e);
        }
    }

    private static void gateway(HttpClient http, URI execute, String sql) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(execute)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"sql\":\"" + sql.replace("\"", "\\\"") + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Gateway answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Gateway call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private void writeReport(List<String> rows, List<SessionCostBench.Row> sessions, Database database, String serving)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(
                "| concurrency | JDBC p50 ms | JDBC p95 ms | JDBC q/s | gateway p50 ms | gateway p95 ms | gateway q/s |"
                        + " p50 added | gateway/JDBC q/s | alternating: with learning p50 ms | without learning p50 ms |"
                        + " learning adds (p50) |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append("\n")
                .append(calls)
                .append(" calls per run; PostgreSQL ")
                .append(database.serverVersion())
                .append(" (")
                .append(database.mode().name().toLowerCase())
                .append("), query pool of ")
                .append(database.sessions().maximumPoolSize())
                .append(" connections; the learning gateway had ")
                .append(serving)
                .append(".\n");
        md.append("\nUsers' roles and the session reset, in-process, alternating with one pool of the configured login"
                        + " without reset:\n\n")
                .append(SessionCostBench.markdownHeader());
        sessions.forEach(r -> md.append(r.markdown()).append('\n'));
        Files.writeString(report.get(), md.toString());
    }
}
