package io.dwpilot.persistence.observations;

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
import javax.sql.DataSource;

/**
 * Query arrivals read from metadata.query_logs by workload time ({@code coalesce(simulated_at, executed_at)}: the
 * simulator's clock when it drove the query, the wall clock otherwise; indexed since V11). Every logged statement
 * counts, whatever its status (ok, error, timeout, rejected, cancelled): arrivals measure demand, not success;
 * explain requests (status explained) are not the workload's and do not count.
 *
 * <p>Buckets are aligned to the epoch. A range {@code [from, to)} is widened to the bucket holding {@code from} and
 * narrowed to the bucket ending at or before {@code to}, so every bucket of a series is whole.
 */
public final class ArrivalHistory {
    private static final String WORKLOAD_TIME = "coalesce(simulated_at, executed_at)";
    private static final String NOT_EXPLAIN = "status <> 'explained'";

    private final DataSource dataSource;

    public ArrivalHistory(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Arrivals of every statement per bucket, empty buckets included as zeros. */
    public Arrivals total(Instant from, Instant to, Duration bucket) throws SQLException {
        return series(Optional.empty(), from, to, bucket);
    }

    /** Arrivals of one fingerprint per bucket, empty buckets included as zeros. */
    public Arrivals ofFingerprint(String fingerprint, Instant from, Instant to, Duration bucket) throws SQLException {
        return series(Optional.of(Objects.requireNonNull(fingerprint, "fingerprint")), from, to, bucket);
    }

    /** The {@code k} fingerprints with the most arrivals in {@code [from, to)}, busiest first (ties by fingerprint). */
    public List<FingerprintArrivals> busiest(Instant from, Instant to, int k) throws SQLException {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        String sql = "SELECT fingerprint, count(*) FROM metadata.query_logs WHERE fingerprint IS NOT NULL AND "
                + NOT_EXPLAIN + " AND "
                + WORKLOAD_TIME + " >= ? AND " + WORKLOAD_TIME + " < ? "
                + "GROUP BY fingerprint ORDER BY count(*) DESC, fingerprint LIMIT ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setInt(3, k);
            List<FingerprintArrivals> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FingerprintArrivals(rs.getString(1), rs.getLong(2)));
                }
            }
            return List.copyOf(out);
        }
    }

    private Arrivals series(Optional<String> fingerprint, Instant from, Instant to, Duration bucket)
            throws SQLException {
        long seconds = bucket.getSeconds();
        if (seconds < 1 || bucket.getNano() != 0) {
            throw new IllegalArgumentException("bucket must be a whole number of seconds >= 1, got " + bucket);
        }
        long first = Math.floorDiv(from.getEpochSecond(), seconds);
        long end = Math.floorDiv(to.getEpochSecond(), seconds);
        Instant start = Instant.ofEpochSecond(first * seconds);
        long[] counts = new long[(int) Math.max(0, end - first)];
        if (counts.length == 0) {
            return new Arrivals(start, bucket, counts);
        }
        String sql = "SELECT floor(extract(epoch FROM " + WORKLOAD_TIME + ") / ?)::bigint AS b, count(*) "
                + "FROM metadata.query_logs WHERE " + NOT_EXPLAIN + " AND " + WORKLOAD_TIME + " >= ? AND "
                + WORKLOAD_TIME + " < ?"
                + (fingerprint.isPresent() ? " AND fingerprint = ?" : "") + " GROUP BY b";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, seconds);
            ps.setTimestamp(2, Timestamp.from(start));
            ps.setTimestamp(3, Timestamp.from(Instant.ofEpochSecond(end * seconds)));
            if (fingerprint.isPresent()) {
                ps.setString(4, fingerprint.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts[(int) (rs.getLong(1) - first)] = rs.getLong(2);
                }
            }
        }
        return new Arrivals(start, bucket, counts);
    }

    /** Arrivals per bucket from {@code start}, oldest first; bucket {@code i} starts at {@code start + i * bucket}. */
    public record Arrivals(Instant start, Duration bucket, long[] counts) {
        public Arrivals {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(bucket, "bucket");
            counts = counts.clone();
        }

        @Override
        public long[] counts() {
            return counts.clone();
        }

        public int size() {
            return counts.length;
        }

        /** The instant just after the last bucket. */
        public Instant end() {
            return bucketStart(counts.length);
        }

        public Instant bucketStart(int index) {
            return start.plus(bucket.multipliedBy(index));
        }

        /** The counts as the forecasting models read them. */
        public double[] values() {
            double[] out = new double[counts.length];
            for (int i = 0; i < counts.length; i++) {
                out[i] = counts[i];
            }
            return out;
        }
    }

    /** One fingerprint and its arrivals in a window. */
    public record FingerprintArrivals(String fingerprint, long arrivals) {}
}
