package io.dwpilot.persistence.observations;

import io.dwpilot.persistence.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Writes and reads metadata.forecasts: one row per predicted bucket, grouped by (made_at, model, target). */
public final class ForecastRepository {
    private final DataSource dataSource;

    public ForecastRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the points of one forecast in one batch and one transaction. {@code madeAt} is kept to the microsecond
     * (PostgreSQL's precision), so the stored forecast reads back with the instant this method answers.
     */
    public Instant saveForecast(
            String model,
            String modelVersion,
            String target,
            Instant madeAt,
            int bucketMinutes,
            List<ForecastPoint> points)
            throws SQLException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(target, "target");
        if (bucketMinutes < 1) {
            throw new IllegalArgumentException("bucketMinutes must be >= 1, got " + bucketMinutes);
        }
        Instant made = madeAt.truncatedTo(ChronoUnit.MICROS);
        String sql = """
                INSERT INTO metadata.forecasts (made_at, model, model_version, target, bucket_start, bucket_minutes,
                    predicted, lower_bound, upper_bound, actual)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (ForecastPoint p : points) {
                    ps.setTimestamp(1, Timestamp.from(made));
                    ps.setString(2, model);
                    ps.setString(3, modelVersion);
                    ps.setString(4, target);
                    ps.setTimestamp(5, Timestamp.from(p.bucketStart()));
                    ps.setInt(6, bucketMinutes);
                    ps.setDouble(7, p.predicted());
                    AnomalyRepository.setDouble(ps, 8, p.lower());
                    AnomalyRepository.setDouble(ps, 9, p.upper());
                    AnomalyRepository.setDouble(ps, 10, p.actual());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        return made;
    }

    /** The most recent forecast made for the target (newest made_at; on a tie, the one stored last). */
    public Optional<Forecast> latest(String target) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Timestamp madeAt;
            String model;
            try (PreparedStatement ps = c.prepareStatement("SELECT made_at, model FROM metadata.forecasts"
                    + " WHERE target = ? ORDER BY made_at DESC, forecast_id DESC LIMIT 1")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    madeAt = rs.getTimestamp(1);
                    model = rs.getString(2);
                }
            }
            List<ForecastPoint> points = new ArrayList<>();
            String modelVersion = null;
            int bucketMinutes = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT bucket_start, predicted, lower_bound, upper_bound, actual, model_version, bucket_minutes
                    FROM metadata.forecasts WHERE target = ? AND made_at = ? AND model = ?
                    ORDER BY bucket_start""")) {
                ps.setString(1, target);
                ps.setTimestamp(2, madeAt);
                ps.setString(3, model);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        points.add(new ForecastPoint(
                                rs.getTimestamp("bucket_start").toInstant(),
                                rs.getDouble("predicted"),
                                Columns.nullableDouble(rs, "lower_bound"),
                                Columns.nullableDouble(rs, "upper_bound"),
                                Columns.nullableDouble(rs, "actual")));
                        modelVersion = rs.getString("model_version");
                        bucketMinutes = rs.getInt("bucket_minutes");
                    }
                }
            }
            return Optional.of(new Forecast(
                    model,
                    Optional.ofNullable(modelVersion),
                    madeAt.toInstant(),
                    target,
                    bucketMinutes,
                    List.copyOf(points)));
        }
    }

    /**
     * For each bucket of the target starting in [from, to): what the newest forecast made at or before the bucket's
     * start predicted for it (what one knew beforehand), oldest bucket first; buckets no forecast covered are left out.
     */
    public List<ForecastPoint> predictedBeforehand(String target, Instant from, Instant to) throws SQLException {
        String sql = """
                SELECT DISTINCT ON (bucket_start) bucket_start, predicted, lower_bound, upper_bound
                FROM metadata.forecasts
                WHERE target = ? AND bucket_start >= ? AND bucket_start < ? AND made_at <= bucket_start
                ORDER BY bucket_start, made_at DESC, forecast_id DESC""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            List<ForecastPoint> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ForecastPoint(
                            rs.getTimestamp("bucket_start").toInstant(),
                            rs.getDouble("predicted"),
                            Columns.nullableDouble(rs, "lower_bound"),
                            Columns.nullableDouble(rs, "upper_bound"),
                            Optional.empty()));
                }
            }
            return out;
        }
    }

    /** Fills the actual value of every stored point of the target's bucket; answers how many rows it updated. */
    public int recordActual(String target, Instant bucketStart, double actual) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE metadata.forecasts SET actual = ? WHERE target = ? AND bucket_start = ?")) {
            ps.setDouble(1, actual);
            ps.setString(2, target);
            ps.setTimestamp(3, Timestamp.from(bucketStart));
            return ps.executeUpdate();
        }
    }

    /**
     * {@link #recordActual} for consecutive buckets in one statement: {@code actuals[i]} is the actual value of the
     * bucket starting at {@code firstBucket + i * bucketMinutes}. Rows that already hold the value are left alone.
     * Answers how many rows it updated.
     */
    public int recordActuals(String target, Instant firstBucket, int bucketMinutes, double[] actuals)
            throws SQLException {
        Objects.requireNonNull(target, "target");
        if (bucketMinutes < 1) {
            throw new IllegalArgumentException("bucketMinutes must be >= 1, got " + bucketMinutes);
        }
        if (actuals.length == 0) {
            return 0;
        }
        Timestamp[] starts = new Timestamp[actuals.length];
        Double[] values = new Double[actuals.length];
        for (int i = 0; i < actuals.length; i++) {
            starts[i] = Timestamp.from(firstBucket.plusSeconds(60L * bucketMinutes * i));
            values[i] = actuals[i];
        }
        String sql = """
                UPDATE metadata.forecasts f SET actual = a.actual
                FROM unnest(?::timestamptz[], ?::float8[]) AS a(bucket_start, actual)
                WHERE f.target = ? AND f.bucket_start = a.bucket_start AND f.actual IS DISTINCT FROM a.actual""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("timestamptz", starts));
            ps.setArray(2, c.createArrayOf("float8", values));
            ps.setString(3, target);
            return ps.executeUpdate();
        }
    }

    /**
     * Removes the forecast made for the target at {@code madeAt} (every model); answers how many points it removed.
     * A forecaster that stamps its forecasts with a schedule slot calls it before storing one, so running a slot
     * again replaces that slot's forecast instead of adding a second one.
     */
    public int deleteForecast(String target, Instant madeAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM metadata.forecasts WHERE target = ? AND made_at = ?")) {
            ps.setString(1, target);
            ps.setTimestamp(2, Timestamp.from(madeAt.truncatedTo(ChronoUnit.MICROS)));
            return ps.executeUpdate();
        }
    }
}
