package io.dwpilot.models.ml.forecast;

import io.dwpilot.models.eval.ForecastMetrics;
import io.dwpilot.models.forecast.Forecaster;
import io.dwpilot.models.forecast.HoltWinters;
import io.dwpilot.models.forecast.SeasonalNaive;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Walk-forward comparison of the learned forecaster (with fixed weights) against the statistical baselines: at each
 * origin {@code testStart, testStart + step, ...} (while {@code horizon} buckets still fit in the series) every model
 * sees the history up to the origin and forecasts the next {@code horizon} buckets. The baselines are refitted at
 * every origin: seasonal naive (288), Holt-Winters with a daily season (once the history holds two days) and seasonal
 * naive (2016, once it holds a week).
 *
 * <p>Per model: the MAPE ({@link ForecastMetrics#mape}) pooled over all its forecast buckets; the peak-hour hit rate
 * ({@link ForecastMetrics#peakHourHitRate} with {@value #PEAK_BUCKETS} peak buckets) averaged over the whole UTC days
 * of the test range, where each bucket takes the forecast of the latest origin that covers it (NaN when no whole day
 * is covered); and the number of forecasts made.
 */
public final class ForecastComparison {
    /** Peak buckets per day for the peak-hour hit rate. */
    public static final int PEAK_BUCKETS = 12;

    private static final long SECONDS_PER_DAY = 86_400;

    private ForecastComparison() {}

    /** One model's scores. */
    public record ModelResult(String name, double mape, double peakHourHitRate, int forecasts) {}

    /** Every model's scores, the learned model first. */
    public record Result(List<ModelResult> models) {
        public Result {
            models = List.copyOf(models);
        }

        /** @throws IllegalArgumentException if no model of that name took part */
        public ModelResult model(String name) {
            return models.stream()
                    .filter(m -> m.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no model named " + name + " in " + models));
        }
    }

    /** A competitor: how much history it needs and how it forecasts after {@code series[0, origin)}. */
    private record Candidate(String name, int minimumHistory, OriginForecast forecast) {}

    @FunctionalInterface
    private interface OriginForecast {
        double[] after(double[] series, int origin, int horizon);
    }

    /**
     * @throws IllegalArgumentException if {@code testStart} leaves the learned model too little history, the first
     *                                  forecast does not fit in the series, or {@code step} or {@code horizon} is not
     *                                  positive
     */
    public static Result walkForward(
            double[] series, Instant firstBucket, int testStart, int step, int horizon, LearnedForecaster learned) {
        Forecaster.requireFinite(series);
        Objects.requireNonNull(firstBucket, "firstBucket");
        Objects.requireNonNull(learned, "learned");
        if (step <= 0 || horizon <= 0) {
            throw new IllegalArgumentException("step and horizon must be positive, were " + step + ", " + horizon);
        }
        if (testStart < learned.minimumHistory()) {
            throw new IllegalArgumentException("the learned forecaster needs " + learned.minimumHistory()
                    + " buckets of history before the test range, testStart is " + testStart);
        }
        if (testStart + horizon > series.length) {
            throw new IllegalArgumentException(
                    "no forecast of " + horizon + " buckets fits after bucket " + testStart + " of " + series.length);
        }
        List<Candidate> candidates = List.of(
                new Candidate(
                        learned.name(),
                        learned.minimumHistory(),
                        (s, origin, h) -> learned.forecast(
                                Arrays.copyOf(s, origin), LagFeatures.bucketStart(firstBucket, origin), h)),
                baseline(SeasonalNaive.daily(), Forecaster.BUCKETS_PER_DAY),
                baseline(HoltWinters.daily(), 2 * Forecaster.BUCKETS_PER_DAY),
                baseline(SeasonalNaive.weekly(), Forecaster.BUCKETS_PER_WEEK));
        List<ModelResult> results = new ArrayList<>();
        for (Candidate candidate : candidates) {
            score(candidate, series, firstBucket, testStart, step, horizon).ifPresent(results::add);
        }
        return new Result(results);
    }

    private static Candidate baseline(Forecaster forecaster, int minimumHistory) {
        return new Candidate(
                forecaster.name(),
                minimumHistory,
                (s, origin, h) -> forecaster.fit(Arrays.copyOf(s, origin)).forecast(h));
    }

    /** Empty when the model had too little history at every origin. */
    private static Optional<ModelResult> score(
            Candidate candidate, double[] series, Instant firstBucket, int testStart, int step, int horizon) {
        double[] stitched = new double[series.length];
        Arrays.fill(stitched, Double.NaN);
        List<double[]> actuals = new ArrayList<>();
        List<double[]> forecasts = new ArrayList<>();
        for (int origin = testStart; origin + horizon <= series.length; origin += step) {
            if (origin < candidate.minimumHistory()) {
                continue;
            }
            double[] forecast = candidate.forecast().after(series, origin, horizon);
            actuals.add(Arrays.copyOfRange(series, origin, origin + horizon));
            forecasts.add(forecast);
            System.arraycopy(forecast, 0, stitched, origin, horizon);
        }
        if (forecasts.isEmpty()) {
            return Optional.empty();
        }
        double mape = ForecastMetrics.mape(concat(actuals), concat(forecasts));
        return Optional.of(new ModelResult(
                candidate.name(), mape, peakHourHitRate(series, stitched, firstBucket, testStart), forecasts.size()));
    }

    /** The mean daily hit rate over the whole UTC days from {@code testStart} that the stitched forecast covers. */
    private static double peakHourHitRate(double[] series, double[] stitched, Instant firstBucket, int testStart) {
        int day = Forecaster.BUCKETS_PER_DAY;
        double sum = 0;
        int days = 0;
        for (int start = firstMidnight(firstBucket, testStart); start + day <= series.length; start += day) {
            double[] forecast = Arrays.copyOfRange(stitched, start, start + day);
            if (Arrays.stream(forecast).anyMatch(Double::isNaN)) {
                continue;
            }
            sum += ForecastMetrics.peakHourHitRate(
                    Arrays.copyOfRange(series, start, start + day), forecast, PEAK_BUCKETS);
            days++;
        }
        return days == 0 ? Double.NaN : sum / days;
    }

    /**
     * The first bucket at or after {@code from} that starts at a UTC midnight (or, for buckets not aligned to whole
     * 5 minutes, the first one to start in a day's first 5 minutes).
     */
    private static int firstMidnight(Instant firstBucket, int from) {
        long secondOfDay =
                Math.floorMod(LagFeatures.bucketStart(firstBucket, from).getEpochSecond(), SECONDS_PER_DAY);
        long secondsToMidnight = Math.floorMod(-secondOfDay, SECONDS_PER_DAY);
        long bucketSeconds = LagFeatures.BUCKET.toSeconds();
        return from + (int) ((secondsToMidnight + bucketSeconds - 1) / bucketSeconds);
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
