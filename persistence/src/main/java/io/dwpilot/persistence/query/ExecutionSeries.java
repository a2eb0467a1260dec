package io.dwpilot.persistence.query;

import io.dwpilot.persistence.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * Executions per bucket of wall-clock time (executed_at), every bucket present: counts of every status, failures
 * (errors and timeouts) and the latency of the ok executions. Buckets are aligned to the epoch and whole: a range is
 * widened to the buckets holding its ends.
 */
public final class ExecutionSeries {
    private static final String SQL = """
            SELECT s.bucket, count(q.executed_at) AS executions,
                   count(*) FILTER (WHERE q.status IN ('error', 'timeout')) AS failed,
                   avg(q.execution_time_ms) FILTER (WHERE q.status = 'ok') AS avg_ms,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY q.execution_time_ms) FILTER (WHERE q.status = 'ok') AS p50,
                   percentile_cont(0.95) WITHIN GROUP (ORDER BY q.execution_time_ms) FILTER (WHERE q.status = 'ok') AS p95,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY q.execution_time_ms) FILTER (WHERE q.status = 'ok') AS p99,
                   max(q.execution_time_ms) FILTER (WHERE q.status = 'ok') AS max_ms
            FROM generate_series(?::timestamptz, ?::timestamptz, make_interval(secs => ?)) AS s(bucket)
            LEFT JOIN metadata.query_logs q
                   ON date_bin(make_interval(secs => ?), q.executed_at, timestamptz 'epoch') = s.bucket
                  AND q.executed_at >= ? AND q.executed_at < ? AND (?::text IS NULL OR q.fingerprint = ?)
                  AND (?::text IS NULL OR q.user_id = ?)
            GROUP BY s.bucket
            ORDER BY s.bucket""";

    /** One bucket; the latencies are empty when it holds no ok execution. */
    public record Bucket(
            Instant start,
            long executions,
            long failed,
            OptionalDouble avgMs,
            OptionalDouble p50Ms,
            OptionalDouble p95Ms,
            OptionalDouble p99Ms,
            OptionalDouble maxMs) {}

    private final DataSource dataSource;

    public ExecutionSeries(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The start of the bucket holding {@code at}. */
    public static Instant bucketStart(Instant at, Duration bucket) {
        long seconds = seconds(bucket);
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /** How many buckets cover [from, to): those from the one holding {@code from} to the one holding the end. */
    public static long bucketCount(Instant from, Instant to, Duration bucket) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to, got " + from + " and " + to);
        }
        // whole Durations, not nanoseconds: a range of centuries would overflow a long of nanoseconds
        Duration span = Duration.between(bucketStart(from, bucket), to);
        long whole = span.dividedBy(bucket);
        return bucket.multipliedBy(whole).equals(span) ? whole : whole + 1;
    }

    /** The buckets covering [from, to), oldest first, of the scope's statements or of one fingerprint of them. */
    public List<Bucket> buckets(
            Instant from, Instant to, Duration bucket, Optional<String> fingerprint, QueryScope scope)
            throws SQLException {
        long seconds = seconds(bucket);
        Instant start = bucketStart(from, bucket);
        long count = bucketCount(from, to, bucket);
        Instant last = start.plusSeconds(seconds * (count - 1));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setTimestamp(1, Timestamp.from(start));
            ps.setTimestamp(2, Timestamp.from(last));
            ps.setLong(3, seconds);
            ps.setLong(4, seconds);
            ps.setTimestamp(5, Timestamp.from(start));
            ps.setTimestamp(6, Timestamp.from(last.plusSeconds(seconds)));
            ps.setString(7, fingerprint.orElse(null));
            ps.setString(8, fingerprint.orElse(null));
            ps.setString(9, scope.userOrNull());
            ps.setString(10, scope.userOrNull());
            List<Bucket> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Bucket(
                            rs.getTimestamp("bucket").toInstant(),
                            rs.getLong("executions"),
                            rs.getLong("failed"),
                            Columns.optionalDouble(rs, "avg_ms"),
                            Columns.optionalDouble(rs, "p50"),
                            Columns.optionalDouble(rs, "p95"),
                            Columns.optionalDouble(rs, "p99"),
                            Columns.optionalDouble(rs, "max_ms")));
                }
            }
            return out;
        }
    }

    private static long seconds(Duration bucket) {
        long seconds = bucket.getSeconds();
        if (seconds < 1 || bucket.getNano() != 0) {
            throw new IllegalArgumentException("a bucket is a whole number of seconds >= 1, got " + bucket);
        }
        return seconds;
    }
}
