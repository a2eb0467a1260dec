package io.dwpilot.simulator.workload.run;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a workload run goes.
 *
 * @param baseUrl          the running dwpilot, e.g. http://127.0.0.1:8080
 * @param token            the bearer token to send, if any (the API decides what it may do)
 * @param profile          the arrival rhythm and user mix
 * @param simulatedStart   where the simulated clock starts
 * @param speed            simulated seconds per real second (at least 1)
 * @param qps              the target queries per real second at rate multiplier 1
 * @param concurrency      virtual users, one thread each
 * @param seed             the root of every random stream
 * @param days             stop after this many simulated days
 * @param maxQueries       stop after this many statements (0: no limit)
 * @param wallLimit        stop after this much real time (zero: no limit)
 * @param timeoutMs        the statement timeout sent with ordinary statements
 * @param maxRows          the row cap sent with every statement
 * @param anomalyEpisodes  how many anomaly episodes to inject (0: none)
 */
public record RunSettings(
        URI baseUrl,
        Optional<String> token,
        WorkloadProfile profile,
        Instant simulatedStart,
        double speed,
        double qps,
        int concurrency,
        long seed,
        double days,
        long maxQueries,
        Duration wallLimit,
        int timeoutMs,
        int maxRows,
        int anomalyEpisodes) {
    public static final int DEFAULT_TIMEOUT_MS = 20_000;
    public static final int DEFAULT_MAX_ROWS = 200;

    public RunSettings {
        if (!(speed >= 1) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be at least 1, got " + speed);
        }
        if (!(qps > 0) || Double.isInfinite(qps)) {
            throw new IllegalArgumentException("qps must be greater than 0, got " + qps);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (!(days > 0) || Double.isInfinite(days)) {
            throw new IllegalArgumentException("days must be greater than 0, got " + days);
        }
        if (maxQueries < 0) {
            throw new IllegalArgumentException("max queries cannot be negative, got " + maxQueries);
        }
        if (wallLimit.isNegative()) {
            throw new IllegalArgumentException("the wall-clock limit cannot be negative");
        }
        if (timeoutMs < 1 || maxRows < 0 || anomalyEpisodes < 0) {
            throw new IllegalArgumentException("timeout must be positive, max rows and anomaly episodes at least 0");
        }
        token = token.filter(t -> !t.isBlank());
    }

    /** Defaults for everything but where the server is: retail, speed 1000, 50 q/s, 8 users, seed 1, 7 days. */
    public static RunSettings defaults(URI baseUrl, Instant simulatedStart) {
        return new RunSettings(
                baseUrl,
                Optional.empty(),
                WorkloadProfiles.retail(),
                simulatedStart,
                1000,
                50,
                8,
                1,
                7,
                0,
                Duration.ZERO,
                DEFAULT_TIMEOUT_MS,
                DEFAULT_MAX_ROWS,
                4);
    }

    public RunSettings withLimits(double days, long maxQueries, Duration wallLimit) {
        return new RunSettings(
                baseUrl,
                token,
                profile,
                simulatedStart,
                speed,
                qps,
                concurrency,
                seed,
                days,
                maxQueries,
                wallLimit,
                timeoutMs,
                maxRows,
                anomalyEpisodes);
    }

    public RunSettings withPace(double speed, double qps, int concurrency) {
        return new RunSettings(
                baseUrl,
                token,
                profile,
                simulatedStart,
                speed,
                qps,
                concurrency,
                seed,
                days,
                maxQueries,
                wallLimit,
                timeoutMs,
                maxRows,
                anomalyEpisodes);
    }

    public RunSettings withSeed(long seed) {
        return new RunSettings(
                baseUrl,
                token,
                profile,
                simulatedStart,
                speed,
                qps,
                concurrency,
                seed,
                days,
                maxQueries,
                wallLimit,
                timeoutMs,
                maxRows,
                anomalyEpisodes);
    }

    public RunSettings withAnomalies(int anomalyEpisodes) {
        return new RunSettings(
                baseUrl,
                token,
                profile,
                simulatedStart,
                speed,
                qps,
                concurrency,
                seed,
                days,
                maxQueries,
                wallLimit,
                timeoutMs,
                maxRows,
                anomalyEpisodes);
    }

    /** The statement timeout and row cap sent with ordinary statements. */
    public RunSettings withStatementLimits(int timeoutMs, int maxRows) {
        return new RunSettings(
                baseUrl,
                token,
                profile,
                simulatedStart,
                speed,
                qps,
                concurrency,
                seed,
                days,
                maxQueries,
                wallLimit,
                timeoutMs,
                maxRows,
                anomalyEpisodes);
    }

    public RunSettings withToken(String token) {
        return new RunSettings(
                baseUrl,
                Optional.ofNullable(token),
                profile,
                simulatedStart,
                speed,
                qps,
                concurrency,
                seed,
                days,
                maxQueries,
                wallLimit,
                timeoutMs,
                maxRows,
                anomalyEpisodes);
    }

    /** The simulated end by days. */
    public Instant simulatedEnd() {
        return simulatedStart.plusNanos((long) (days * 86_400e9));
    }

    /** A rough number of statements the run will send, for a progress bar: the rhythm averages to 1 over a week. */
    public long expectedQueries() {
        long byDays = (long) Math.ceil(qps * days * 86_400 / speed);
        return maxQueries > 0 ? Math.min(maxQueries, byDays) : byDays;
    }
}
