package io.dwpilot.agents.testing;

import io.dwpilot.gateway.Caller;
import io.dwpilot.gateway.QueryGateway;
import io.dwpilot.gateway.QuerySubmission;
import io.dwpilot.gateway.Role;
import io.dwpilot.persistence.Database;
import io.dwpilot.persistence.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * A small table and a workload of four shapes whose times differ by orders of magnitude (point lookups, date-range
 * sums, grouped aggregates, pattern scans), run through a real gateway so that its executions are logged with their
 * features — what the learning tests train on. The date-range sums take time in proportion to the days they cover
 * (the table is stored in date order, 100 rows a day), which their fingerprint's history cannot tell and their date
 * literals can: what a learned cost model has to learn beyond the history-mean baseline.
 */
public final class LabWorkload {
    public static final Caller ANALYST = new Caller("ana", Role.ANALYST);
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    private LabWorkload() {}

    public static void createTable(Database database) throws SQLException {
        execute(
                database,
                "CREATE SCHEMA lab",
                """
                CREATE TABLE lab.items AS
                SELECT g AS id, (g * 7919) % 100000 AS v, md5(g::text) AS pad, DATE '2024-01-01' + g / 100 AS day
                FROM generate_series(1, 100000) g""",
                "ALTER TABLE lab.items ADD PRIMARY KEY (id)",
                "CREATE INDEX ON lab.items (day)",
                "VACUUM ANALYZE lab.items");
        TestPostgres.grantToUsers(database, "lab");
    }

    public static String statement(Random random) {
        int a = random.nextInt(90_000);
        return switch (random.nextInt(4)) {
            case 0 -> "SELECT * FROM lab.items WHERE id = " + (1 + a);
            case 1 -> {
                // spans of 0 to 400 days (up to 40 % of the rows): a cost its date literals tell and its
                // fingerprint's mean cannot, well above the timing noise of a busy machine
                LocalDate from = FIRST_DAY.plusDays(random.nextInt(900));
                yield "SELECT sum(v) FROM lab.items WHERE day BETWEEN '" + from + "' AND '"
                        + from.plusDays(random.nextInt(400)) + "'";
            }
            case 2 -> {
                // a second shape whose cost its date span tells: half the statements vary with their literals
                LocalDate from = FIRST_DAY.plusDays(random.nextInt(900));
                yield "SELECT v % 10, count(*) FROM lab.items WHERE day BETWEEN '" + from + "' AND '"
                        + from.plusDays(random.nextInt(400)) + "' GROUP BY 1";
            }
            default ->
                "SELECT id FROM lab.items WHERE pad LIKE '" + Integer.toHexString(random.nextInt(16)) + "%' LIMIT 20";
        };
    }

    /** Runs {@code count} statements through the gateway and waits until the query log holds them. */
    public static void run(QueryGateway gateway, Database database, int count, long seed) throws Exception {
        long before = logged(database);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            gateway.execute(QuerySubmission.of(statement(random), ANALYST))
                    .toCompletableFuture()
                    .join();
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (logged(database) < before + count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the query log did not get " + count + " executions in 30 s");
            }
            Thread.sleep(50);
        }
    }

    public static long logged(Database database) throws SQLException {
        return longValue(database, "SELECT count(*) FROM metadata.query_logs");
    }

    public static long longValue(Database database, String sql) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static void execute(Database database, String... statements) throws SQLException {
        try (Connection c = database.systemPool().getConnection();
                Statement s = c.createStatement()) {
            for (String sql : List.of(statements)) {
                s.execute(sql);
            }
        }
    }
}
