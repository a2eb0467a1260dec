package io.dwpilot.bench.experiment;

import io.dwpilot.models.eval.ForecastMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Scores the forecasts the forecaster stored in metadata.forecasts against the arrivals that really came (counted in
 * metadata.query_logs per bucket of workload time). Each bucket is scored with the newest forecast made for it at
 * most {@code maxLead} before the bucket began, i.e. what the agents knew that far ahead; buckets no forecast
 * covered within that lead are left out and counted.
 */
public final class ForecastEvaluation {

    /** One scored bucket. */
    public record Scored(Instant bucket, double actual, double predicted, String model) {}

    /**
     * The scores of one target over a window.
     *
     * @param mape           mean absolute percentage error over buckets with arrivals (a fraction)
     * @param wape           sum of absolute errors over sum of arrivals (a fraction): MAPE weighted by volume
     * @param busyMape       MAPE over the buckets with at least the window's median arrivals
     * @param peakHourHits   mean over whole days of the share of the 12 highest forecast buckets within an hour of
     *                       one of the 12 highest actual buckets (NaN without a whole day)
     * @param mapeByDay      MAPE per UTC day
     * @param bucketsByModel how many scored buckets each model forecast
     */
    public record Result(
            String target,
            Duration maxLead,
            int buckets,
            int uncovered,
            double mape,
            double wape,
            double busyMape,
            double mae,
            double peakHourHits,
            Map<LocalDate, Double> mapeByDay,
            Map<String, Integer> bucketsByModel) {}

    private static final int BUCKETS_PER_DAY = 288;
    private static final int PEAK_BUCKETS = 12;

    private final DataSource dataSource;

    public ForecastEvaluation(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Scores the 5-minute forecasts of {@code target} ({@code total} or a fingerprint) for the buckets starting in
     * [from, to).
     */
    public Result evaluate(String target, Instant from, Instant to, Duration maxLead) throws SQLException {
        List<Scored> scored = scoredBuckets(target, from, to, maxLead);
        int expected = (int) (Duration.between(from, to).toMinutes() / 5);
        double[] actual = scored.stream().mapToDouble(Scored::actual).toArray();
        double[] predicted = scored.stream().mapToDouble(Scored::predicted).toArray();
        Map<LocalDate, Double> byDay = new TreeMap<>();
        Map<String, Integer> byModel = new TreeMap<>();
        Map<LocalDate, List<Scored>> days = new TreeMap<>();
        for (Scored s : scored) {
            days.computeIfAbsent(LocalDate.ofInstant(s.bucket(), ZoneOffset.UTC), d -> new ArrayList<>())
                    .add(s);
            byModel.merge(s.model(), 1, Integer::sum);
        }
        double peakSum = 0;
        int wholeDays = 0;
        for (Map.Entry<LocalDate, List<Scored>> day : days.entrySet()) {
            List<Scored> d = day.getValue();
            byDay.put(day.getKey(), mape(d, s -> true));
            if (d.size() == BUCKETS_PER_DAY) {
                peakSum += ForecastMetrics.peakHourHitRate(
                        d.stream().mapToDouble(Scored::actual).toArray(),
                        d.stream().mapToDouble(Scored::predicted).toArray(),
                        PEAK_BUCKETS);
                wholeDays++;
            }
        }
        double median = median(actual);
        return new Result(
                target,
                maxLead,
                scored.size(),
                Math.max(0, expected - scored.size()),
                scored.isEmpty() ? Double.NaN : ForecastMetrics.mape(actual, predicted),
                wape(actual, predicted),
                mape(scored, s -> s.actual() >= median),
                scored.isEmpty() ? Double.NaN : ForecastMetrics.mae(actual, predicted),
                wholeDays == 0 ? Double.NaN : peakSum / wholeDays,
                byDay,
                byModel);
    }

    List<Scored> scoredBuckets(String target, Instant from, Instant to, Duration maxLead) throws SQLException {
        String sql = """
                WITH buckets AS (
                    SELECT generate_series(?::timestamptz, ?::timestamptz - interval '5 minutes', interval '5 minutes') AS bucket
                ), arrivals AS (
                    SELECT date_bin(interval '5 minutes', coalesce(simulated_at, executed_at), timestamptz 'epoch') AS bucket,
                           count(*) AS n
                    FROM metadata.query_logs
                    WHERE coalesce(simulated_at, executed_at) >= ? AND coalesce(simulated_at, executed_at) < ?
                      AND (? = 'total' OR fingerprint = ?)
                    GROUP BY 1
                ), forecast AS (
                    SELECT DISTINCT ON (bucket_start) bucket_start, predicted, model
                    FROM metadata.forecasts
                    WHERE target = ? AND bucket_minutes = 5 AND bucket_start >= ? AND bucket_start < ?
                      AND made_at <= bucket_start AND made_at >= bucket_start - ?::interval
                    ORDER BY bucket_start, made_at DESC
                )
                SELECT b.bucket, coalesce(a.n, 0), f.predicted, f.model
                FROM buckets b JOIN forecast f ON f.bucket_start = b.bucket LEFT JOIN arrivals a ON a.bucket = b.bucket
                ORDER BY b.bucket""";
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        List<Scored> scored = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, start);
            ps.setTimestamp(2, end);
            ps.setTimestamp(3, start);
            ps.setTimestamp(4, end);
            ps.setString(5, target);
            ps.setString(6, target);
            ps.setString(7, target);
            ps.setTimestamp(8, start);
            ps.setTimestamp(9, end);
            ps.setString(10, maxLead.toSeconds() + " seconds");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    scored.add(new Scored(
                            rs.getTimestamp(1).toInstant(), rs.getLong(2), rs.getDouble(3), rs.getString(4)));
                }
            }
        }
        return scored;
    }

    private static double mape(List<Scored> scored, Predicate<Scored> include) {
        double[] actual =
                scored.stream().filter(include).mapToDouble(Scored::actual).toArray();
        double[] predicted =
                scored.stream().filter(include).mapToDouble(Scored::predicted).toArray();
        return actual.length == 0 ? Double.NaN : ForecastMetrics.mape(actual, predicted);
    }

    private static double wape(double[] actual, double[] predicted) {
        double errors = 0;
        double total = 0;
        for (int i = 0; i < actual.length; i++) {
            errors += Math.abs(actual[i] - predicted[i]);
            total += actual[i];
        }
        return total == 0 ? Double.NaN : errors / total;
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
