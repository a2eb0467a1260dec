package io.dwpilot.agents.forecaster;

import io.dwpilot.agents.forecaster.Forecaster.ForecastPublished;
import io.dwpilot.agents.forecaster.Forecaster.RoundReport;
import io.dwpilot.agents.forecaster.Forecaster.WarmingUp;
import io.dwpilot.models.eval.ForecastMetrics;
import io.dwpilot.models.forecast.ForecastSelector;
import io.dwpilot.models.forecast.ForecastSelector.Selection;
import io.dwpilot.models.ml.forecast.AnchoredForecaster;
import io.dwpilot.models.ml.forecast.LearnedForecaster;
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.persistence.observations.ArrivalHistory.Arrivals;
import io.dwpilot.persistence.observations.ArrivalHistory.FingerprintArrivals;
import io.dwpilot.persistence.observations.Forecast;
import io.dwpilot.persistence.observations.ForecastPoint;
import io.dwpilot.persistence.observations.ForecastRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The blocking work of one forecast round (run on the agents' blocking executor, never in the actor): read the
 * settled history of arrivals, choose a model per target on the most recent day, forecast, store the forecast
 * stamped with the round's slot (replacing one already stored for that slot), record the actuals now known for
 * earlier forecasts, and score the target's previous forecast. It answers the events the actor then persists.
 */
final class ForecastRound {
    /** The target of all arrivals together; other targets are fingerprints. */
    static final String TOTAL = "total";
    /**
     * Buckets a target needs: the selector holds out the last day and its simplest candidate (same time yesterday)
     * must fit the day before; Holt-Winters joins the choice from three days on.
     */
    static final int MIN_BUCKETS = 2 * io.dwpilot.models.forecast.Forecaster.BUCKETS_PER_DAY;

    private static final int BUCKET_MINUTES = (int) ForecasterSettings.BUCKET.toMinutes();

    private final ArrivalHistory history;
    private final ForecastRepository forecasts;
    private final ForecasterSettings settings;
    private final ForecastSelector standard = ForecastSelector.standard();
    private final Supplier<Optional<LearnedForecaster>> learned;

    /** {@code learned} is the active learned forecaster, which competes with the baselines on the total arrivals. */
    ForecastRound(
            ArrivalHistory history,
            ForecastRepository forecasts,
            ForecasterSettings settings,
            Supplier<Optional<LearnedForecaster>> learned) {
        this.history = history;
        this.forecasts = forecasts;
        this.settings = settings;
        this.learned = learned;
    }

    /**
     * The candidates for a target: for the total arrivals (what the learned forecaster was trained on) the active
     * learned model joins the baselines, and it serves only when it had the lowest error on the most recent day.
     */
    private ForecastSelector selector(String target, double[] series, Instant end) {
        return learned.get()
                .filter(model -> target.equals(TOTAL))
                .map(model -> standard.withCandidate(new AnchoredForecaster(model, end, series.length)))
                .orElse(standard);
    }

    /** Start of the {@code step}-long period, aligned to the epoch, that holds {@code t}. */
    static Instant floor(Instant t, Duration step) {
        long s = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
    }

    /** Forecasts every target with enough history, decided at {@code at} for the schedule slot {@code slot}. */
    RoundReport run(Instant at, Instant slot) throws SQLException {
        // a bucket is settled once the batched query log had `settle` to write its rows
        Instant end = floor(at.minus(settings.settle()), ForecasterSettings.BUCKET);
        Instant from = at.minus(settings.history());
        Arrivals total = history.total(from, end, ForecasterSettings.BUCKET);
        int observed = observedBuckets(total);
        if (observed < MIN_BUCKETS) {
            return new RoundReport(
                    slot, List.of(), Optional.of(new WarmingUp(Forecaster.NAME, at, slot, observed, MIN_BUCKETS)));
        }
        List<ForecastPublished> published = new ArrayList<>();
        published.add(forecast(TOTAL, total, at, slot));
        for (FingerprintArrivals busy :
                history.busiest(end.minus(ForecasterSettings.BUSIEST_WINDOW), end, settings.fingerprints())) {
            Arrivals arrivals = history.ofFingerprint(busy.fingerprint(), from, end, ForecasterSettings.BUCKET);
            if (observedBuckets(arrivals) >= MIN_BUCKETS) {
                published.add(forecast(busy.fingerprint(), arrivals, at, slot));
            }
        }
        return new RoundReport(slot, List.copyOf(published), Optional.empty());
    }

    /** Buckets since the target's first arrival: zero-filled buckets before it are not history, only absence. */
    private static int observedBuckets(Arrivals arrivals) {
        long[] counts = arrivals.counts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                return counts.length - i;
            }
        }
        return 0;
    }

    private ForecastPublished forecast(String target, Arrivals arrivals, Instant at, Instant slot) throws SQLException {
        int skip = arrivals.size() - observedBuckets(arrivals);
        Instant start = arrivals.bucketStart(skip);
        double[] series = Arrays.copyOfRange(arrivals.values(), skip, arrivals.size());
        Selection selection = selector(target, series, arrivals.end()).select(series);
        int horizon = settings.horizonBuckets();
        double[] predicted = selection.fitBest(series).forecast(horizon);
        Instant first = arrivals.end();

        forecasts.deleteForecast(target, slot);
        Optional<Forecast> previous = forecasts.latest(target);
        recordActuals(target, start, series);
        List<ForecastPoint> points = new ArrayList<>(horizon);
        int peak = 0;
        for (int i = 0; i < horizon; i++) {
            points.add(new ForecastPoint(
                    bucket(first, i), predicted[i], Optional.empty(), Optional.empty(), Optional.empty()));
            if (predicted[i] > predicted[peak]) {
                peak = i;
            }
        }
        String model = selection.best().name();
        forecasts.saveForecast(model, null, target, slot, BUCKET_MINUTES, points);

        Optional<double[][]> scored =
                previous.map(p -> actualAndPredicted(p, start, series)).filter(s -> s[0].length > 0);
        Optional<Double> recentMape =
                scored.map(s -> ForecastMetrics.mape(s[0], s[1])).filter(Double::isFinite);
        Optional<Double> recentMae = scored.map(s -> ForecastMetrics.mae(s[0], s[1]));
        double nextHour = Arrays.stream(predicted, 0, Math.min(ForecastMetrics.ONE_HOUR_BUCKETS, horizon))
                .sum();
        return new ForecastPublished(
                Forecaster.NAME,
                at,
                slot,
                target,
                model,
                holdoutMae(selection),
                series.length,
                horizon,
                first,
                predicted[peak],
                bucket(first, peak),
                nextHour,
                recentMape,
                recentMae);
    }

    /**
     * Fills the actuals of the buckets that forecasts stored since the previous round's horizon began may cover;
     * older buckets were filled by earlier rounds.
     */
    private void recordActuals(String target, Instant start, double[] series) throws SQLException {
        int recent = Math.min(
                series.length,
                settings.horizonBuckets()
                        + (int) (settings.interval().toSeconds() / ForecasterSettings.BUCKET.toSeconds())
                        + 1);
        int from = series.length - recent;
        forecasts.recordActuals(
                target, bucket(start, from), BUCKET_MINUTES, Arrays.copyOfRange(series, from, series.length));
    }

    /** The previous forecast's points that now lie in the history, as {actual[], predicted[]}. */
    private static double[][] actualAndPredicted(Forecast previous, Instant start, double[] series) {
        long bucketSeconds = ForecasterSettings.BUCKET.toSeconds();
        List<double[]> pairs = new ArrayList<>();
        for (ForecastPoint p : previous.points()) {
            long offset = Duration.between(start, p.bucketStart()).toSeconds();
            if (offset >= 0 && offset % bucketSeconds == 0 && offset / bucketSeconds < series.length) {
                pairs.add(new double[] {series[(int) (offset / bucketSeconds)], p.predicted()});
            }
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    /** Every candidate's error on the holdout day; a candidate that could not fit is left out. */
    private static Map<String, Double> holdoutMae(Selection selection) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ForecastSelector.Score score : selection.scores()) {
            if (score.failure() == null && Double.isFinite(score.error())) {
                out.put(score.name(), score.error());
            }
        }
        return out;
    }

    private static Instant bucket(Instant first, int index) {
        return first.plus(ForecasterSettings.BUCKET.multipliedBy(index));
    }
}
