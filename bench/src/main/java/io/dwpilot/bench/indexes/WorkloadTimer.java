package io.dwpilot.bench.indexes;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Measures what the workload really takes: every statement once, in order, on one connection, reading every row,
 * each under a statement timeout. A statement that hits the timeout counts as the timeout (a lower bound of its
 * time) and is marked, so that a total with timeouts is a lower bound too.
 */
public final class WorkloadTimer {
    /** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    /** How long one statement took, or that it was stopped at the timeout. */
    public record Timing(String label, double millis, boolean timedOut) {}

    private final DataSource dataSource;
    private final Duration timeout;

    public WorkloadTimer(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    public List<Timing> run(List<BenchStatement> statements, String what, PrintStream out) throws SQLException {
        List<Timing> timings = new ArrayList<>();
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = " + timeout.toMillis());
            for (int i = 0; i < statements.size(); i++) {
                timings.add(time(s, statements.get(i)));
                if ((i + 1) % progressStep(statements.size()) == 0 || i + 1 == statements.size()) {
                    out.printf(
                            "  %s: %d/%d statements, %.1f s so far%n",
                            what, i + 1, statements.size(), (System.nanoTime() - started) / 1e9);
                }
            }
            s.execute("RESET statement_timeout");
        }
        return timings;
    }

    private Timing time(Statement s, BenchStatement statement) throws SQLException {
        long started = System.nanoTime();
        try (ResultSet rs = s.executeQuery(statement.sql())) {
            while (rs.next()) {
                rs.getObject(1);
            }
            return new Timing(statement.label(), (System.nanoTime() - started) / 1e6, false);
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                return new Timing(statement.label(), timeout.toMillis(), true);
            }
            throw new SQLException("Statement " + statement.label() + " failed: " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private static int progressStep(int total) {
        return total <= 30 ? 1 : Math.max(1, total / 10);
    }

    public static double totalMillis(List<Timing> timings) {
        return timings.stream().mapToDouble(Timing::millis).sum();
    }

    public static long timeouts(List<Timing> timings) {
        return timings.stream().filter(Timing::timedOut).count();
    }
}
