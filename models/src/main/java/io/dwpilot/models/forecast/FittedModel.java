package io.dwpilot.models.forecast;

/** A model fitted to one history; it forecasts the buckets that follow that history. */
public interface FittedModel {
    /**
     * Forecasts the next {@code horizon} buckets after the history: element 0 is the bucket right after the last
     * observed one. Values are never negative.
     *
     * @throws IllegalArgumentException if {@code horizon} is negative
     */
    double[] forecast(int horizon);

    /** Checks a horizon argument; shared by the implementations. */
    static void requireHorizon(int horizon) {
        if (horizon < 0) {
            throw new IllegalArgumentException("horizon must be >= 0, was " + horizon);
        }
    }
}
