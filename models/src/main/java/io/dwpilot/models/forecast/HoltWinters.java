package io.dwpilot.models.forecast;

/**
 * Additive Holt-Winters (triple exponential smoothing): level, trend and a season of {@code seasonLength} buckets.
 *
 * <pre>
 *   level_t  = alpha (x_t - season_{t-m}) + (1 - alpha) (level_{t-1} + trend_{t-1})
 *   trend_t  = beta (level_t - level_{t-1}) + (1 - beta) trend_{t-1}
 *   season_t = gamma (x_t - level_t) + (1 - gamma) season_{t-m}
 *   forecast_{t+h} = level_t + h trend_t + season_{t+h-m(k+1)}      (clamped at 0: arrivals are never negative)
 * </pre>
 *
 * <p>Initial state from the first two seasons: the trend is the difference of their means divided by the season
 * length, the level is the first season's mean moved back to just before the first bucket, and each seasonal index
 * is the average of the two seasons' detrended deviations. Hence at least two full seasons of history are required.
 *
 * <p>The smoothing parameters are either given ({@link #HoltWinters(int, double, double, double)}) or chosen by a
 * grid search ({@link #HoltWinters(int)}) minimising the sum of squared one-step-ahead errors over the history;
 * the grid has {@code 7 x 5 x 6 = 210} points, so fitting costs about 210 passes over the history (well under a
 * second for two weeks of 5-minute buckets).
 *
 * <p>Known limit: the season is additive, so a series whose daily swing grows with its level (multiplicative
 * growth), especially with zero-traffic nights, makes the level swing within the day and the forecast overshoot the
 * quiet hours; there seasonal naive often wins. Let {@link ForecastSelector} decide per series.
 */
public final class HoltWinters implements Forecaster {
    static final double[] ALPHA_GRID = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8};
    static final double[] BETA_GRID = {0.0, 0.001, 0.01, 0.05, 0.1};
    static final double[] GAMMA_GRID = {0.01, 0.05, 0.1, 0.2, 0.3, 0.5};

    private final int seasonLength;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final boolean fitParameters;

    /** Parameters chosen by grid search on each history. */
    public HoltWinters(int seasonLength) {
        this(seasonLength, Double.NaN, Double.NaN, Double.NaN, true);
    }

    /** Fixed smoothing parameters, each in [0, 1]. */
    public HoltWinters(int seasonLength, double alpha, double beta, double gamma) {
        this(seasonLength, alpha, beta, gamma, false);
        requireUnit("alpha", alpha);
        requireUnit("beta", beta);
        requireUnit("gamma", gamma);
    }

    private HoltWinters(int seasonLength, double alpha, double beta, double gamma, boolean fitParameters) {
        if (seasonLength <= 0) {
            throw new IllegalArgumentException("seasonLength must be positive, was " + seasonLength);
        }
        this.seasonLength = seasonLength;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.fitParameters = fitParameters;
    }

    /** Daily season (288 buckets), parameters fitted. */
    public static HoltWinters daily() {
        return new HoltWinters(BUCKETS_PER_DAY);
    }

    private static void requireUnit(String name, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
        }
    }

    public int seasonLength() {
        return seasonLength;
    }

    @Override
    public Fitted fit(double[] history) {
        Forecaster.requireFinite(history);
        int m = seasonLength;
        if (history.length < 2 * m) {
            throw new IllegalArgumentException("Holt-Winters needs at least two seasons (" + (2 * m)
                    + " values) of history, got " + history.length);
        }
        if (!fitParameters) {
            return run(history, alpha, beta, gamma);
        }
        Fitted best = null;
        for (double a : ALPHA_GRID) {
            for (double b : BETA_GRID) {
                for (double g : GAMMA_GRID) {
                    Fitted candidate = run(history, a, b, g);
                    if (best == null || candidate.sse() < best.sse()) {
                        best = candidate;
                    }
                }
            }
        }
        return best;
    }

    private Fitted run(double[] x, double a, double b, double g) {
        int m = seasonLength;
        double mean1 = 0;
        double mean2 = 0;
        for (int i = 0; i < m; i++) {
            mean1 += x[i];
            mean2 += x[m + i];
        }
        mean1 /= m;
        mean2 /= m;
        double trend = (mean2 - mean1) / m;
        double center = (m - 1) / 2.0;
        double level = mean1 - trend * (center + 1); // level just before bucket 0
        double[] season = new double[m];
        for (int i = 0; i < m; i++) {
            double d1 = x[i] - (mean1 + trend * (i - center));
            double d2 = x[m + i] - (mean2 + trend * (i - center));
            season[i] = (d1 + d2) / 2;
        }
        double sse = 0;
        for (int t = 0; t < x.length; t++) {
            int s = t % m;
            double predicted = level + trend + season[s];
            double err = x[t] - predicted;
            sse += err * err;
            double newLevel = a * (x[t] - season[s]) + (1 - a) * (level + trend);
            trend = b * (newLevel - level) + (1 - b) * trend;
            season[s] = g * (x[t] - newLevel) + (1 - g) * season[s];
            level = newLevel;
        }
        return new Fitted(m, a, b, g, level, trend, season, x.length % m, sse);
    }

    @Override
    public String name() {
        return fitParameters
                ? "holt-winters(" + seasonLength + ")"
                : "holt-winters(" + seasonLength + ", a=" + alpha + ", b=" + beta + ", g=" + gamma + ")";
    }

    @Override
    public String toString() {
        return name();
    }

    /** The fitted state and the parameters that produced it. */
    public static final class Fitted implements FittedModel {
        private final int seasonLength;
        private final double alpha;
        private final double beta;
        private final double gamma;
        private final double level;
        private final double trend;
        private final double[] season;
        private final int nextSeasonIndex;
        private final double sse;

        Fitted(
                int seasonLength,
                double alpha,
                double beta,
                double gamma,
                double level,
                double trend,
                double[] season,
                int nextSeasonIndex,
                double sse) {
            this.seasonLength = seasonLength;
            this.alpha = alpha;
            this.beta = beta;
            this.gamma = gamma;
            this.level = level;
            this.trend = trend;
            this.season = season;
            this.nextSeasonIndex = nextSeasonIndex;
            this.sse = sse;
        }

        @Override
        public double[] forecast(int horizon) {
            FittedModel.requireHorizon(horizon);
            double[] out = new double[horizon];
            for (int h = 1; h <= horizon; h++) {
                double v = level + h * trend + season[(nextSeasonIndex + h - 1) % seasonLength];
                out[h - 1] = Math.max(0.0, v);
            }
            return out;
        }

        public double alpha() {
            return alpha;
        }

        public double beta() {
            return beta;
        }

        public double gamma() {
            return gamma;
        }

        /** Level at the end of the history. */
        public double level() {
            return level;
        }

        /** Trend per bucket at the end of the history. */
        public double trend() {
            return trend;
        }

        /** Sum of squared one-step-ahead errors over the history (the grid search's objective). */
        public double sse() {
            return sse;
        }
    }
}
