package io.dwpilot.models.forecast;

import java.util.Arrays;

/**
 * Seasonal naive: the forecast for a bucket is the value observed one season earlier (for horizons beyond one
 * season, the last observed season repeats). {@code seasonLength} 288 is "same time yesterday", 2016 is "same
 * time last week". Needs at least one full season of history.
 */
public final class SeasonalNaive implements Forecaster {
    private final int seasonLength;

    public SeasonalNaive(int seasonLength) {
        if (seasonLength <= 0) {
            throw new IllegalArgumentException("seasonLength must be positive, was " + seasonLength);
        }
        this.seasonLength = seasonLength;
    }

    /** Same time yesterday. */
    public static SeasonalNaive daily() {
        return new SeasonalNaive(BUCKETS_PER_DAY);
    }

    /** Same time last week. */
    public static SeasonalNaive weekly() {
        return new SeasonalNaive(BUCKETS_PER_WEEK);
    }

    public int seasonLength() {
        return seasonLength;
    }

    @Override
    public FittedModel fit(double[] history) {
        Forecaster.requireFinite(history);
        if (history.length < seasonLength) {
            throw new IllegalArgumentException("seasonal naive needs at least one season (" + seasonLength
                    + " values) of history, got " + history.length);
        }
        double[] lastSeason = Arrays.copyOfRange(history, history.length - seasonLength, history.length);
        return horizon -> {
            FittedModel.requireHorizon(horizon);
            double[] out = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                out[h] = Math.max(0.0, lastSeason[h % seasonLength]);
            }
            return out;
        };
    }

    @Override
    public String name() {
        return "seasonal-naive(" + seasonLength + ")";
    }

    @Override
    public String toString() {
        return name();
    }
}
