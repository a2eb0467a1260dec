package io.dwpilot.bench.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether every answered request left its row in {@code metadata.query_logs} (whatever its status: ok, error,
 * rejected), found by the probe number its statement carries.
 */
public final class QueryLogAudit {
    /** Requests answered, and how many of them have no row. */
    public record Result(int answered, int missing, Duration waited) {}

    private QueryLogAudit() {}

    /**
     * Waits up to {@code settle} for the rows of the answered samples (the log is written in batches, and after a
     * database outage from its backlog), then counts those still missing.
     */
    public static Result check(List<LoadRun.Sample> samples, ConnectionSource db, Duration settle)
            throws SQLException, InterruptedException {
        Set<Long> expected = new HashSet<>();
        for (LoadRun.Sample s : samples) {
            if (s.answer().answered()) {
                expected.add(s.probe());
            }
        }
        if (expected.isEmpty()) {
            return new Result(0, 0, Duration.ZERO);
        }
        long from = expected.stream().mapToLong(Long::longValue).min().orElseThrow();
        long to = expected.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
        long start = System.nanoTime();
        Supplier<Duration> waited = () -> Duration.ofNanos(System.nanoTime() - start);
        int missing;
        do {
            Set<Long> logged = logged(db, from, to);
            missing = (int) expected.stream().filter(p -> !logged.contains(p)).count();
            if (missing == 0) {
                break;
            }
            Thread.sleep(1000);
        } while (waited.get().compareTo(settle) < 0);
        return new Result(expected.size(), missing, waited.get());
    }

    private static Set<Long> logged(ConnectionSource db, long from, long to) throws SQLException {
        Set<Long> probes = new HashSet<>();
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT query_text FROM metadata.query_logs WHERE " + StatementMix.probeRange())) {
            s.setLong(1, from);
            s.setLong(2, to);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    probes.add(StatementMix.probeOf(rs.getString(1)));
                }
            }
        }
        return probes;
    }
}
