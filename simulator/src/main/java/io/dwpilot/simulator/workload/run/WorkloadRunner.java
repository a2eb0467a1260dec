package io.dwpilot.simulator.workload.run;

import io.dwpilot.simulator.workload.ParameterSpace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Drives a running dwpilot through its HTTP API: {@code concurrency} virtual users, one thread each, take the run's
 * statements in order ({@link Arrivals}) and send each when the simulated clock reaches its due time, so the
 * achieved rate follows the target QPS × the profile's rate (or falls behind when the server is slower). Anomaly
 * episodes planned by the {@link AnomalyInjector} are interleaved, and their ground truth is written to
 * metadata.injected_anomalies with JDBC when the run ends.
 */
public final class WorkloadRunner {
    public static final String SIMULATED_AT_HEADER = "X-Dwpilot-Simulated-At";
    public static final String EXECUTE_PATH = "/api/v1/queries/execute";
    public static final String HEALTH_PATH = "/api/v1/health";
    /** Status recorded for requests that got no answer. */
    public static final int NO_ANSWER = 0;
    /** Planned anomalies stay within the simulated time the first 60 % of a query-limited run covers. */
    private static final double ANOMALY_SHARE_OF_QUERY_LIMIT = 0.6;

    private static final Pattern QUERY_ID = Pattern.compile("\"queryId\"\\s*:\\s*(\\d+)");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final RunSettings settings;
    private final ParameterSpace space;
    private final GroundTruth groundTruth;
    private final Clock realClock;
    private final HttpClient http;
    private final URI execute;

    public WorkloadRunner(RunSettings settings, ParameterSpace space, DataSource groundTruthDataSource) {
        this(settings, space, groundTruthDataSource, Clock.systemUTC());
    }

    WorkloadRunner(RunSettings settings, ParameterSpace space, DataSource groundTruthDataSource, Clock realClock) {
        this.settings = settings;
        this.space = space;
        this.groundTruth = new GroundTruth(groundTruthDataSource);
        this.realClock = realClock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        this.execute = resolve(settings.baseUrl(), EXECUTE_PATH);
    }

    /** The anomaly episodes this run will inject (a pure function of the settings and the space). */
    public List<AnomalyEpisode> plannedAnomalies() {
        if (settings.anomalyEpisodes() == 0) {
            return List.of();
        }
        Instant horizonEnd = settings.simulatedEnd();
        if (settings.maxQueries() > 0) {
            Instant byQueries =
                    Arrivals.timeOfArrival(settings, (long) (settings.maxQueries() * ANOMALY_SHARE_OF_QUERY_LIMIT));
            if (byQueries.isBefore(horizonEnd)) {
                horizonEnd = byQueries;
            }
        }
        return new AnomalyInjector(settings.seed(), space, settings.concurrency())
                .schedule(
                        settings.simulatedStart(),
                        Duration.between(settings.simulatedStart(), horizonEnd),
                        settings.anomalyEpisodes());
    }

    /**
     * Fails with a one-line reason unless the server at {@code baseUrl} answers its health check with 200.
     */
    public static void checkServer(URI baseUrl) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        URI health = resolve(baseUrl, HEALTH_PATH);
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(health)
                            .timeout(CONNECT_TIMEOUT)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                throw new ServerUnreachableException(
                        "dwpilot at " + baseUrl + " is still starting: try again shortly", null);
            }
            if (response.statusCode() != 200) {
                throw new ServerUnreachableException(
                        "dwpilot at " + baseUrl + " answered its health check with " + response.statusCode(), null);
            }
        } catch (IOException e) {
            throw new ServerUnreachableException(
                    "no dwpilot server answers at " + baseUrl + " ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + "): start it with 'dwpilot up'",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException("interrupted while checking " + baseUrl, e);
        }
    }

    /** Runs until the simulated days, the query limit or the wall-clock limit is reached. */
    public RunSummary run(RunProgress progress) {
        String runId =
                "sim-" + settings.seed() + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<EpisodeRun> episodes =
                plannedAnomalies().stream().map(EpisodeRun::new).toList();
        Arrivals arrivals = new Arrivals(settings, space, episodes);
        SimulatedClock clock = new SimulatedClock(settings.simulatedStart(), settings.speed(), realClock);
        Stats stats = new Stats();
        AtomicBoolean wallLimitHit = new AtomicBoolean();
        AtomicBoolean interrupted = new AtomicBoolean();
        progress.started(settings.expectedQueries());
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "dwpilot-simulate-user");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < settings.concurrency(); i++) {
                pool.execute(() -> work(arrivals, clock, stats, progress, wallLimitHit, interrupted));
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // keep waiting: the workers stop by themselves at the run's limits
            }
        } catch (InterruptedException e) {
            interrupted.set(true);
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        Duration wall = clock.realElapsed();
        List<GroundTruth.InjectedEpisode> injected = episodes.stream()
                .filter(e -> e.sent() > 0)
                .map(EpisodeRun::result)
                .toList();
        groundTruth.write(runId, injected);
        Map<AnomalyKind, Integer> byKind = new EnumMap<>(AnomalyKind.class);
        long anomalyQueries = 0;
        for (GroundTruth.InjectedEpisode e : injected) {
            byKind.merge(e.kind(), 1, Integer::sum);
            anomalyQueries += e.queries();
        }
        RunSummary.StopReason reason = interrupted.get()
                ? RunSummary.StopReason.INTERRUPTED
                : wallLimitHit.get()
                        ? RunSummary.StopReason.WALL_CLOCK
                        : arrivals.exhausted() == null ? RunSummary.StopReason.DAYS : arrivals.exhausted();
        Instant simulatedEnd = reason == RunSummary.StopReason.DAYS
                ? settings.simulatedEnd()
                : stats.lastSimulated.get() == null ? settings.simulatedStart() : stats.lastSimulated.get();
        double seconds = Math.max(1e-9, wall.toNanos() / 1e9);
        double[] latency = stats.latencies();
        RunSummary summary = new RunSummary(
                runId,
                stats.sent.get(),
                stats.ok.get(),
                stats.errorsByStatus(),
                byKind,
                anomalyQueries,
                settings.simulatedStart(),
                simulatedEnd,
                wall,
                stats.sent.get() / seconds,
                percentile(latency, 0.50),
                percentile(latency, 0.95),
                reason);
        progress.finished(summary);
        return summary;
    }

    private void work(
            Arrivals arrivals,
            SimulatedClock clock,
            Stats stats,
            RunProgress progress,
            AtomicBoolean wallLimitHit,
            AtomicBoolean interrupted) {
        Duration wallLimit = settings.wallLimit();
        while (!wallLimitHit.get() && !interrupted.get()) {
            Arrivals.Job job = arrivals.next();
            if (job == null) {
                return;
            }
            Duration wait = clock.realUntil(job.simulatedAt());
            if (!wallLimit.isZero() && clock.realElapsed().plus(wait).compareTo(wallLimit) > 0) {
                wallLimitHit.set(true);
                return;
            }
            try {
                if (!wait.isZero()) {
                    TimeUnit.NANOSECONDS.sleep(wait.toNanos());
                }
                send(job, stats, progress);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(Arrivals.Job job, Stats stats, RunProgress progress) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(execute)
                .timeout(Duration.ofMillis(job.timeoutMs()).plusSeconds(30))
                .header("Content-Type", "application/json")
                .header(SIMULATED_AT_HEADER, job.simulatedAt().toString())
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(job.sql(), settings.maxRows(), job.timeoutMs())));
        settings.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        EpisodeRun episode = job.episode();
        if (episode != null && episode.sending(realClock.instant(), job.simulatedAt())) {
            progress.anomalyStarted(episode.episode().kind(), job.simulatedAt());
        }
        stats.simulated(job.simulatedAt());
        long started = System.nanoTime();
        int status;
        Long queryId = null;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            queryId = queryId(response.body());
        } catch (IOException e) {
            status = NO_ANSWER;
        }
        long nanos = System.nanoTime() - started;
        if (episode != null) {
            episode.answered(realClock.instant(), queryId);
        }
        stats.answered(status, nanos);
        progress.answered(stats.sent.get(), stats.errors.get(), job.simulatedAt());
    }

    /** The JSON body of an execute request, written by hand. */
    static String requestBody(String sql, int maxRows, int timeoutMs) {
        return "{\"sql\":" + jsonString(sql) + ",\"maxRows\":" + maxRows + ",\"timeoutMs\":" + timeoutMs + "}";
    }

    /** A JSON string literal for any text (quotes, backslashes and control characters escaped). */
    static String jsonString(String text) {
        StringBuilder json = new StringBuilder(text.length() + 16).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    static Long queryId(String body) {
        if (body == null) {
            return null;
        }
        Matcher m = QUERY_ID.matcher(body);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    private static URI resolve(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text + path);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Counters shared by the workers. */
    private static final class Stats {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicReference<Instant> lastSimulated = new AtomicReference<>();
        private final SortedMap<Integer, Long> errorsByStatus = new TreeMap<>();
        private double[] latencyMs = new double[1024];
        private int latencies;

        void simulated(Instant at) {
            lastSimulated.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }

        void answered(int status, long nanos) {
            if (status == 200) {
                ok.incrementAndGet();
                synchronized (this) {
                    if (latencies == latencyMs.length) {
                        latencyMs = Arrays.copyOf(latencyMs, latencyMs.length * 2);
                    }
                    latencyMs[latencies++] = nanos / 1e6;
                }
            } else {
                errors.incrementAndGet();
                synchronized (this) {
                    errorsByStatus.merge(status, 1L, Long::sum);
                }
            }
            sent.incrementAndGet();
        }

        synchronized SortedMap<Integer, Long> errorsByStatus() {
            return new TreeMap<>(errorsByStatus);
        }

        synchronized double[] latencies() {
            double[] copy = Arrays.copyOf(latencyMs, latencies);
            Arrays.sort(copy);
            return copy;
        }
    }

    /** For the CLI's summary table: the statuses in order with their counts. */
    public static List<String> describeErrors(RunSummary summary) {
        List<String> lines = new ArrayList<>();
        summary.errorsByStatus()
                .forEach((status, count) ->
                        lines.add((status == NO_ANSWER ? "no answer" : "HTTP " + status) + ": " + count));
        return lines;
    }
}
