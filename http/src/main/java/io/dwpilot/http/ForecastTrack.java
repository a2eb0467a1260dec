package io.dwpilot.http;

import io.dwpilot.agents.forecaster.ForecasterSettings;
import io.dwpilot.persistence.ml.TrainingData;
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import io.dwpilot.persistence.observations.ForecastRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/forecasts/history?target=total&hours=24}: forecast against actual, in workload time. For each
 * bucket of the hours before the newest forecast was made (before the latest logged execution while there is none):
 * the arrivals that happened and what the latest forecast made before that bucket predicted; then the newest
 * forecast's points ahead.
 */
final class ForecastTrack {
    static final int DEFAULT_HOURS = 24;
    static final int MAX_HOURS = 24 * 14;

    public record Point(
            Instant bucketStart,
            Optional<Double> actual,
            Optional<Double> predicted,
            Optional<Double> lower,
            Optional<Double> upper,
            boolean future) {}

    public record History(
            String target, long bucketMinutes, Optional<String> model, Optional<Instant> madeAt, List<Point> points) {}

    private final ForecastRepository forecasts;
    private final ArrivalHistory arrivals;
    private final TrainingData executions;
    private final Clock clock;

    ForecastTrack(ForecastRepository forecasts, ArrivalHistory arrivals, TrainingData executions, Clock clock) {
        this.forecasts = forecasts;
        this.arrivals = arrivals;
        this.executions = executions;
        this.clock = clock;
    }

    History read(Map<String, String> params) throws Exception {
        String target = QueryParameters.text(params, "target").orElse("total");
        int hours = QueryParameters.integer(params, "hours", DEFAULT_HOURS, 1, MAX_HOURS);
        Optional<Forecast> newest = forecasts.latest(target);
        Duration bucket = newest.map(f -> Duration.ofMinutes(f.bucketMinutes())).orElse(ForecasterSettings.BUCKET);
        Instant anchor =
                newest.isPresent() ? newest.get().madeAt() : executions.latest().orElseGet(clock::instant);
        Instant from = anchor.minus(Duration.ofHours(hours));
        ArrivalHistory.Arrivals happened = target.equals("total")
                ? arrivals.total(from, anchor, bucket)
                : arrivals.ofFingerprint(target, from, anchor, bucket);
        Map<Instant, ForecastPoint> beforehand =
                forecasts.predictedBeforehand(target, happened.start(), happened.end()).stream()
                        .collect(Collectors.toMap(ForecastPoint::bucketStart, Function.identity()));
        List<Point> points = new ArrayList<>();
        long[] counts = happened.counts();
        for (int i = 0; i < counts.length; i++) {
            Instant start = happened.bucketStart(i);
            Optional<ForecastPoint> predicted = Optional.ofNullable(beforehand.get(start));
            points.add(new Point(
                    start,
                    Optional.of((double) counts[i]),
                    predicted.map(ForecastPoint::predicted),
                    predicted.flatMap(ForecastPoint::lower),
                    predicted.flatMap(ForecastPoint::upper),
                    false));
        }
        newest.ifPresent(f -> f.points()
                .forEach(p -> points.add(new Point(
                        p.bucketStart(), Optional.empty(), Optional.of(p.predicted()), p.lower(), p.upper(), true))));
        return new History(
                target, bucket.toMinutes(), newest.map(Forecast::model), newest.map(Forecast::madeAt), points);
    }
}
