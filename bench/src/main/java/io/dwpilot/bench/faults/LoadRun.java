package io.dwpilot.bench.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Closed-loop load: each client sends its next statement as soon as the last one is answered, until the run is
 * stopped. Each request is kept as a {@link Sample}.
 */
public final class LoadRun implements AutoCloseable {
    /** One caller's share of the load: how many clients, and the share of their statements that are heavy. */
    public record Stream(Caller caller, int clients, double heavyShare) {}

    /** One request: who sent what, and what it got. */
    public record Sample(String user, StatementKind kind, long probe, ApiClient.Answer answer) {}

    private static final long PROGRESS_INTERVAL_MS = 10_000;

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final ExecutorService clients;
    private volatile boolean stopping;

    private LoadRun(ExecutorService clients) {
        this.clients = clients;
    }

    /** Starts the streams' clients at once; they run until {@link #stop}. */
    public static LoadRun start(ApiClient api, StatementMix mix, List<Stream> streams, long seed) {
        int total = streams.stream().mapToInt(Stream::clients).sum();
        LoadRun run = new LoadRun(Executors.newFixedThreadPool(total, r -> {
            Thread t = new Thread(r, "faults-client");
            t.setDaemon(true);
            return t;
        }));
        int client = 0;
        for (Stream stream : streams) {
            for (int i = 0; i < stream.clients(); i++) {
                Random random = new Random(seed * 7919 + client++);
                run.clients.execute(() -> run.loop(api, mix, stream, random));
            }
        }
        return run;
    }

    /** Runs the streams for {@code duration}, telling their progress every 10 s, and returns their samples. */
    public static List<Sample> runFor(
            ApiClient api, StatementMix mix, List<Stream> streams, long seed, Duration duration, PrintStream out)
            throws InterruptedException {
        try (LoadRun run = start(api, mix, streams, seed)) {
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (long now = start; now < end; now = System.nanoTime()) {
                Thread.sleep(Math.min(PROGRESS_INTERVAL_MS, (end - now) / 1_000_000 + 1));
                if (System.nanoTime() < end) {
                    run.tellProgress((System.nanoTime() - start) / 1_000_000_000, out);
                }
            }
            return run.stop();
        }
    }

    private void tellProgress(long seconds, PrintStream out) {
        long ok = samples.stream().filter(s -> s.answer().ok()).count();
        long refused = samples.stream().filter(s -> s.answer().refused()).count();
        out.printf(
                "  %3d s: %d answered, %d ok, %d refused, %d otherwise%n",
                seconds, samples.size(), ok, refused, samples.size() - ok - refused);
    }

    private void loop(ApiClient api, StatementMix mix, Stream stream, Random random) {
        while (!stopping) {
            StatementKind kind =
                    random.nextDouble() < stream.heavyShare() ? StatementKind.HEAVY : StatementKind.INTERACTIVE;
            StatementMix.Statement statement = mix.next(kind, random);
            ApiClient.Answer answer = api.execute(stream.caller().token(), statement.sql());
            samples.add(new Sample(stream.caller().user(), kind, statement.probe(), answer));
            if (!answer.answered()) {
                pause(); // no server to talk to: do not spin
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets every client finish its request in flight, then returns all samples. */
    public List<Sample> stop() throws InterruptedException {
        stopping = true;
        clients.shutdown();
        if (!clients.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("load clients did not stop within 5 minutes");
        }
        return new ArrayList<>(samples);
    }

    @Override
    public void close() {
        stopping = true;
        clients.shutdownNow();
    }

    /** Samples whose request was waiting at some moment of {@code [from, to)}. */
    public static List<Sample> inFlightBetween(List<Sample> samples, Instant from, Instant to) {
        return samples.stream()
                .filter(s -> s.answer().sentAt().isBefore(to)
                        && s.answer().completedAt().isAfter(from))
                .toList();
    }
}
