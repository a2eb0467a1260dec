package io.dwpilot.bench.gateway;

import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.access.Login;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * pgbench against the warehouse's PostgreSQL under the configured login: {@code -S} on its own tables in a database of
 * their own, or a script of one statement in the warehouse. Latency percentiles come from its per-transaction log.
 */
final class PgBench {
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

    private final String host;
    private final int port;
    private final String warehouse;
    private final String ownDatabase;
    private final Map<String, String> environment;
    private final Path work;
    private final String url;
    private final Login login;
    private int runs;

    private PgBench(String url, String host, int port, String warehouse, String ownDatabase, Login login, Path work) {
        this.url = url;
        this.login = login;
        this.host = host;
        this.port = port;
        this.warehouse = warehouse;
        this.ownDatabase = ownDatabase;
        this.environment =
                Map.of("PGUSER", login.user(), "PGPASSWORD", login.password() == null ? "" : login.password());
        this.work = work;
    }

    /** Creates pgbench's database and tables at {@code scale} unless they are there already. */
    static PgBench prepare(Database database, String ownDatabase, int scale, Path work, PrintStream out)
            throws SQLException {
        URI uri = URI.create(database.url().substring("jdbc:".length()));
        String warehouse = uri.getPath().substring(1);
        Login login = database.bootstrapLogin();
        PgBench pgbench =
                new PgBench(database.url(), uri.getHost(), uri.getPort(), warehouse, ownDatabase, login, work);
        try (Connection c = DriverManager.getConnection(database.url(), login.user(), login.password());
                PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, ownDatabase);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + ownDatabase);
                    }
                }
            }
        }
        String url = database.url().replace("/" + warehouse, "/" + ownDatabase);
        if (accounts(url, login) != scale * 100_000L) {
            out.println("pgbench -i -s " + scale + " into " + ownDatabase + " ...");
            ExternalTool.run(
                    List.of(
                            "pgbench",
                            "-i",
                            "-q",
                            "-s",
                            Integer.toString(scale),
                            "-h",
                            pgbench.host,
                            "-p",
                            Integer.toString(pgbench.port),
                            ownDatabase),
                    work,
                    pgbench.environment,
                    600);
        }
        return pgbench;
    }

    private static long accounts(String url, Login login) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, login.user(), login.password());
                Statement s = c.createStatement()) {
            try (ResultSet exists = s.executeQuery("SELECT to_regclass('public.pgbench_accounts') IS NOT NULL")) {
                exists.next();
                if (!exists.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pgbench_accounts")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A pgbench script sending {@code prefix + id} with a random id from 1 to {@code maxId}. */
    Path lookupScript(String prefix, long maxId) throws IOException {
        Path script = work.resolve("lookup.sql");
        Files.writeString(script, "\\set id random(1, " + maxId + ")\n" + prefix + ":id;\n");
        return script;
    }

    /**
     * A run of {@code script} in the warehouse, or of {@code -S} in pgbench's own database when empty, with
     * {@code clients} connections or as many as the server has free (pgbench needs one session per client).
     */
    Latencies run(Optional<Path> script, int wanted, int seconds) throws IOException, SQLException {
        int clients = Math.min(wanted, freeConnections());
        String prefix = "pgbench-" + (++runs);
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "-n",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(2, clients)),
                "-T",
                Integer.toString(seconds),
                "-l",
                "--log-prefix=" + prefix,
                "-h",
                host,
                "-p",
                Integer.toString(port)));
        if (script.isPresent()) {
            command.addAll(List.of("-f", script.get().toString(), warehouse));
        } else {
            command.addAll(List.of("-S", ownDatabase));
        }
        String output = ExternalTool.run(command, work, environment, seconds + 120L);
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("cannot read pgbench's output:\n" + output);
        }
        Matcher failed = FAILED.matcher(output);
        long[] micros = transactionMicros(prefix);
        Arrays.sort(micros);
        return new Latencies(
                clients,
                Double.parseDouble(tps.group(1)),
                percentile(micros, 0.50) / 1000,
                percentile(micros, 0.99) / 1000,
                failed.find() ? Long.parseLong(failed.group(1)) : 0);
    }

    private int freeConnections() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, login.user(), login.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('max_connections')::int"
                        + " - current_setting('superuser_reserved_connections')::int"
                        + " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')")) {
            rs.next();
            return Math.max(1, rs.getInt(1) - 2);
        }
    }

    /** The third column of pgbench's transaction log: each transaction's latency in microseconds. */
    private long[] transactionMicros(String prefix) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(work)) {
            logs = files.filter(p -> p.getFileName().toString().startsWith(prefix + "."))
                    .toList();
        }
        List<Long> micros = new ArrayList<>();
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                String[] fields = line.split(" ");
                if (fields.length > 2) {
                    micros.add(Long.parseLong(fields[2]));
                }
            }
            Files.delete(log);
        }
        return micros.stream().mapToLong(Long::longValue).toArray();
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
