package io.dwpilot.models.ml.forecast;

import io.dwpilot.models.forecast.FittedModel;
import io.dwpilot.models.forecast.Forecaster;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A trained {@link LearnedForecaster} behind the time-agnostic {@link Forecaster} interface, so that it can compete
 * with the baselines in a {@code ForecastSelector}: the history it is given is a prefix of one that ends at
 * {@code historyEnd} with {@code historyLength} buckets, so its next bucket starts as many buckets earlier as the
 * prefix is shorter. Fitting keeps the trained weights; it only anchors the calendar.
 */
public record AnchoredForecaster(LearnedForecaster model, Instant historyEnd, int historyLength) implements Forecaster {
    private static final Duration BUCKET = Duration.ofMinutes(5);

    public AnchoredForecaster {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(historyEnd, "historyEnd");
    }

    @Override
    public FittedModel fit(double[] history) {
        Forecaster.requireFinite(history);
        if (history.length > historyLength) {
            throw new IllegalArgumentException("the history (" + history.length + " buckets) is longer than the one"
                    + " anchored (" + historyLength + ")");
        }
        if (history.length < model.minimumHistory()) {
            throw new IllegalArgumentException("the learned forecaster needs " + model.minimumHistory()
                    + " buckets of history, got " + history.length);
        }
        Instant next = historyEnd.minus(BUCKET.multipliedBy(historyLength - history.length));
        double[] kept = history.clone();
        return horizon -> {
            FittedModel.requireHorizon(horizon);
            return model.forecast(kept, next, horizon);
        };
    }

    @Override
    public String name() {
        return model.name();
    }
}
