package io.dwpilot.bench.experiment;

import io.dwpilot.models.eval.ForecastMetrics;
import io.dwpilot.persistence.observations.ArrivalHistory;
import io.dwpilot.simulator.workload.run.WorkloadProfile;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The arrivals the simulator meant to send per 5-minute bucket — its profile's rate at the time times the run's
 * pace — used as a forecast of the arrivals that came. No forecaster knows more than this; its error is what the
 * runner's jitter between arrivals and the injected anomalies leave, the floor a forecaster's MAPE can be judged by.
 */
public final class ProfileOracle {
    private static final Duration BUCKET = Duration.ofMinutes(5);
    private static final int STEPS_PER_BUCKET = 5;

    private final DataSource dataSource;
    private final WorkloadProfile profile;
    private final double qps;
    private final double speed;

    /** {@code qps} and {@code speed} as the run had them: arrivals per simulated second = qps × rate / speed. */
    public ProfileOracle(DataSource dataSource, WorkloadProfile profile, double qps, double speed) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.qps = qps;
        this.speed = speed;
    }

    /** The arrivals expected in the bucket starting at {@code start}: the rate sampled in the middle of each minute. */
    public double expected(Instant start) {
        double sum = 0;
        Duration step = BUCKET.dividedBy(STEPS_PER_BUCKET);
        for (int i = 0; i < STEPS_PER_BUCKET; i++) {
            Instant middle = start.plus(step.multipliedBy(i)).plus(step.dividedBy(2));
            sum += profile.rate(middle) * qps / speed * step.toSeconds();
        }
        return sum;
    }

    /** MAPE of the expected arrivals against the logged ones, over the whole buckets of [from, to). */
    public double mape(Instant from, Instant to) throws SQLException {
        long[] counts = new ArrivalHistory(dataSource).total(from, to, BUCKET).counts();
        double[] actual = Arrays.stream(counts).asDoubleStream().toArray();
        double[] expected = new double[actual.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = expected(from.plus(BUCKET.multipliedBy(i)));
        }
        return actual.length == 0 ? Double.NaN : ForecastMetrics.mape(actual, expected);
    }
}
