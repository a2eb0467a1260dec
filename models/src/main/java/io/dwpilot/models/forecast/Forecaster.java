package io.dwpilot.models.forecast;

/**
 * A forecasting method. {@link #fit} learns from a history (arrivals per 5-minute bucket, oldest first) and returns
 * a {@link FittedModel} that forecasts the buckets following the history. Implementations are immutable and
 * stateless, so one instance may fit many series (and be shared between threads).
 */
public interface Forecaster {
    /** 5-minute buckets per day. */
    int BUCKETS_PER_DAY = 288;
    /** 5-minute buckets per week. */
    int BUCKETS_PER_WEEK = 7 * BUCKETS_PER_DAY;

    /**
     * Fits the method to {@code history}.
     *
     * @throws IllegalArgumentException if the history is too short for the method or contains NaN/infinite values
     */
    FittedModel fit(double[] history);

    /** A short, stable name for reports and logs, e.g. {@code seasonal-naive(288)}. */
    String name();

    /** Checks that every value of {@code history} is finite; shared by the implementations. */
    static void requireFinite(double[] history) {
        if (history == null) {
            throw new IllegalArgumentException("history must not be null");
        }
        for (int i = 0; i < history.length; i++) {
            if (!Double.isFinite(history[i])) {
                throw new IllegalArgumentException("history[" + i + "] is not a finite number: " + history[i]);
            }
        }
    }
}
