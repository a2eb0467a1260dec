package io.dwpilot.models.ml.forecast;

import io.dwpilot.models.eval.ForecastMetrics;
import io.dwpilot.models.forecast.Forecaster;
import io.dwpilot.models.ml.ArtifactFormat;
import io.dwpilot.models.ml.nn.DenseNetwork;
import io.dwpilot.models.ml.nn.MlpHyperParameters;
import io.dwpilot.models.ml.nn.MlpTrainer;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A learned workload forecaster: an MLP that predicts {@code log1p} of the arrivals in a 5-minute bucket from the
 * arrivals 1 to 12 buckets before, one day before (288) and, when the training history held at least two weeks, one
 * week before (2016), plus the time of day and the day of week (UTC; see {@link LagFeatures}). Longer horizons are
 * forecast recursively: each prediction becomes a lag of the next. Forecasts are never negative.
 *
 * <p>Artifact ({@link #toArtifact()}), inside the {@link ArtifactFormat} frame (magic {@code "DWLF"}, format version
 * {@value #FORMAT_VERSION}, which also fixes the feature layout): {@code int lags; int[lags] lag; hyper-parameters;
 * double validationMape; int length + the network's own artifact}.
 */
public final class LearnedForecaster {
    static final int MAGIC = 0x44574C46; // "DWLF"
    static final int FORMAT_VERSION = 1;
    /** Validation scores recursive forecasts this many buckets ahead (one hour). */
    static final int VALIDATION_HORIZON = ForecastMetrics.ONE_HOUR_BUCKETS;

    private static final int RECENT_LAGS = 12;

    private final int[] lags;
    private final LagFeatures features;
    private final MlpHyperParameters hyperParameters;
    private final DenseNetwork network;
    private final double validationMape;

    private LearnedForecaster(
            int[] lags, MlpHyperParameters hyperParameters, DenseNetwork network, double validationMape) {
        if (lags.length == 0 || IntStream.range(1, lags.length).anyMatch(i -> lags[i] <= lags[i - 1]) || lags[0] < 1) {
            throw new IllegalArgumentException("lags must be positive and increasing, were " + Arrays.toString(lags));
        }
        this.lags = lags.clone();
        this.features = new LagFeatures(lags);
        this.hyperParameters = Objects.requireNonNull(hyperParameters, "hyperParameters");
        this.network = Objects.requireNonNull(network, "network");
        if (network.inputs() != features.width()) {
            throw new IllegalArgumentException(
                    "the network takes " + network.inputs() + " inputs, the features are " + features.width());
        }
        this.validationMape = validationMape;
    }

    /**
     * Trains one network per grid point on the buckets before {@code trainEnd} (early stopping on the one-step
     * errors of {@code [trainEnd, validationEnd)}) and keeps the one with the lowest MAPE of 1-hour-ahead recursive
     * forecasts made at every hour of the validation range.
     *
     * @param series      arrivals per 5-minute bucket, oldest first, finite and >= 0
     * @param firstBucket the start of {@code series[0]}
     * @throws IllegalArgumentException if the ranges are out of order, the training range holds less than a day of
     *                                  rows after the longest lag, the validation range is shorter than an hour, or the
     *                                  grid is empty
     */
    public static LearnedForecaster train(
            double[] series, Instant firstBucket, int trainEnd, int validationEnd, List<MlpHyperParameters> grid) {
        requireCounts(series);
        Objects.requireNonNull(firstBucket, "firstBucket");
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the hyper-parameter grid is empty");
        }
        if (!(0 < trainEnd && trainEnd < validationEnd && validationEnd <= series.length)) {
            throw new IllegalArgumentException("need 0 < trainEnd < validationEnd <= " + series.length + ", were "
                    + trainEnd + " and " + validationEnd);
        }
        int[] lags = lagsFor(trainEnd);
        int maxLag = lags[lags.length - 1];
        if (trainEnd - maxLag < Forecaster.BUCKETS_PER_DAY) {
            throw new IllegalArgumentException("training needs at least " + (maxLag + Forecaster.BUCKETS_PER_DAY)
                    + " buckets (the longest lag, " + maxLag + ", plus a day of rows), got " + trainEnd);
        }
        if (validationEnd - trainEnd < VALIDATION_HORIZON) {
            throw new IllegalArgumentException(
                    "validation needs at least " + VALIDATION_HORIZON + " buckets, got " + (validationEnd - trainEnd));
        }
        LagFeatures layout = new LagFeatures(lags);
        Rows train = Rows.of(layout, series, firstBucket, maxLag, trainEnd);
        Rows validation = Rows.of(layout, series, firstBucket, trainEnd, validationEnd);
        LearnedForecaster best = null;
        for (MlpHyperParameters hp : grid) {
            DenseNetwork network = MlpTrainer.train(train.x, train.y, validation.x, validation.y, hp);
            LearnedForecaster unscored = new LearnedForecaster(lags, hp, network, Double.NaN);
            double mape = unscored.validationMape(series, firstBucket, trainEnd, validationEnd);
            // a NaN score (no arrivals at all in validation) never wins over a number
            if (best == null || mape < best.validationMape || Double.isNaN(best.validationMape)) {
                best = new LearnedForecaster(lags, hp, network, mape);
            }
        }
        return best;
    }

    /**
     * Two small networks, sized so that three weeks of 5-minute buckets train in seconds: recursive forecasts feed
     * errors back, so a small, smooth model tends to do as well as a wide one.
     */
    public static List<MlpHyperParameters> defaultGrid() {
        return List.of(
                new MlpHyperParameters(List.of(32, 16), 60, 0.003f, 64, 1e-4f, 7),
                new MlpHyperParameters(List.of(64, 32), 60, 0.002f, 64, 1e-4f, 7));
    }

    /** Lags 1-12 and one day; one week too when the training range holds two weeks. */
    static int[] lagsFor(int trainingBuckets) {
        IntStream recent = IntStream.rangeClosed(1, RECENT_LAGS);
        IntStream seasonal = trainingBuckets >= 2 * Forecaster.BUCKETS_PER_WEEK
                ? IntStream.of(Forecaster.BUCKETS_PER_DAY, Forecaster.BUCKETS_PER_WEEK)
                : IntStream.of(Forecaster.BUCKETS_PER_DAY);
        return IntStream.concat(recent, seasonal).toArray();
    }

    /**
     * Forecasts the {@code horizon} buckets after {@code history}.
     *
     * @param history         arrivals per bucket, oldest first, ending right before {@code nextBucketStart}
     * @param nextBucketStart the start of the first forecast bucket
     * @throws IllegalArgumentException if the history is shorter than {@link #minimumHistory()}, holds a negative or
     *                                  non-finite count, or the horizon is negative
     */
    public double[] forecast(double[] history, Instant nextBucketStart, int horizon) {
        requireCounts(history);
        Objects.requireNonNull(nextBucketStart, "nextBucketStart");
        if (history.length < minimumHistory()) {
            throw new IllegalArgumentException("the learned forecaster needs at least " + minimumHistory()
                    + " buckets of history, got " + history.length);
        }
        return forecastAfter(history, history.length, nextBucketStart, horizon);
    }

    /** Forecasts the buckets after {@code series[0, end)}; the caller has checked the arguments. */
    private double[] forecastAfter(double[] series, int end, Instant nextBucketStart, int horizon) {
        if (horizon < 0) {
            throw new IllegalArgumentException("horizon must be >= 0, was " + horizon);
        }
        int maxLag = features.maxLag();
        double[] window = Arrays.copyOfRange(series, end - maxLag, end + horizon);
        for (int h = 0; h < horizon; h++) {
            float[] row = features.row(window, maxLag + h, LagFeatures.bucketStart(nextBucketStart, h));
            window[maxLag + h] = Math.max(0, Math.expm1(network.predict(row)));
        }
        return Arrays.copyOfRange(window, maxLag, maxLag + horizon);
    }

    /** MAPE of 1-hour-ahead forecasts made at the start of every hour of {@code [from, to)}, pooled. */
    private double validationMape(double[] series, Instant firstBucket, int from, int to) {
        int origins = (to - from) / VALIDATION_HORIZON;
        double[] actual = new double[origins * VALIDATION_HORIZON];
        double[] predicted = new double[actual.length];
        for (int k = 0; k < origins; k++) {
            int origin = from + k * VALIDATION_HORIZON;
            double[] forecast =
                    forecastAfter(series, origin, LagFeatures.bucketStart(firstBucket, origin), VALIDATION_HORIZON);
            System.arraycopy(series, origin, actual, k * VALIDATION_HORIZON, VALIDATION_HORIZON);
            System.arraycopy(forecast, 0, predicted, k * VALIDATION_HORIZON, VALIDATION_HORIZON);
        }
        return ForecastMetrics.mape(actual, predicted);
    }

    /** Buckets of history a forecast needs: the longest lag. */
    public int minimumHistory() {
        return features.maxLag();
    }

    /** The lags this model reads, ascending. */
    public int[] lags() {
        return lags.clone();
    }

    public MlpHyperParameters hyperParameters() {
        return hyperParameters;
    }

    /** The MAPE of 1-hour-ahead forecasts on the validation range that chose this model (NaN if undefined). */
    public double validationMape() {
        return validationMape;
    }

    public String name() {
        return "learned-mlp";
    }

    public byte[] toArtifact() {
        return ArtifactFormat.write(MAGIC, FORMAT_VERSION, out -> {
            out.writeInt(lags.length);
            for (int lag : lags) {
                out.writeInt(lag);
            }
            hyperParameters.writeTo(out);
            out.writeDouble(validationMape);
            ArtifactFormat.writeBlock(out, network.toBytes());
        });
    }

    /** @throws io.dwpilot.models.ml.CorruptArtifactException if the bytes are not an intact learned forecaster */
    public static LearnedForecaster fromArtifact(byte[] artifact) {
        return ArtifactFormat.read(artifact, MAGIC, FORMAT_VERSION, "learned forecaster", LearnedForecaster::readBody);
    }

    private static LearnedForecaster readBody(DataInputStream in) throws IOException {
        int[] lags = new int[ArtifactFormat.readCount(in, in.available() / Integer.BYTES, "lags")];
        for (int i = 0; i < lags.length; i++) {
            lags[i] = in.readInt();
        }
        MlpHyperParameters hyperParameters = MlpHyperParameters.readFrom(in);
        double validationMape = in.readDouble();
        return new LearnedForecaster(
                lags, hyperParameters, DenseNetwork.fromBytes(ArtifactFormat.readBlock(in)), validationMape);
    }

    private static void requireCounts(double[] counts) {
        Forecaster.requireFinite(counts);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("arrivals cannot be negative: [" + i + "] = " + counts[i]);
            }
        }
    }

    @Override
    public String toString() {
        return "LearnedForecaster[lags " + Arrays.toString(lags) + ", " + hyperParameters.label() + "]";
    }

    /** One-step training rows for the buckets {@code [from, to)}. */
    private record Rows(float[][] x, float[] y) {
        static Rows of(LagFeatures layout, double[] series, Instant firstBucket, int from, int to) {
            float[][] x = new float[to - from][];
            float[] y = new float[to - from];
            for (int t = from; t < to; t++) {
                x[t - from] = layout.row(series, t, LagFeatures.bucketStart(firstBucket, t));
                y[t - from] = (float) Math.log1p(series[t]);
            }
            return new Rows(x, y);
        }
    }
}
