package io.dwpilot.bench.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs a call a fixed number of times from N threads and summarizes the latencies. */
public final class LatencyRun {
    record Summary(int concurrency, int calls, double p50Ms, double p95Ms, double throughputPerSecond) {}

    /** Two calls measured in one run, alternating, so that both meet the same machine and database state. */
    record Pair(Summary first, Summary second) {}

    private LatencyRun() {}

    /** {@code call} gets the call's index; it must throw when the call fails, which stops the run. */
    static Summary measure(int concurrency, int calls, IntConsumer call) throws Exception {
        long[] latencies = new long[calls];
        Duration elapsed = run(concurrency, calls, call, latencies);
        return summary(concurrency, latencies, elapsed);
    }

    /**
     * Even-numbered calls go to {@code first}, odd ones to {@code second}: what one path adds over the other is
     * measured without the drift between two runs (a sequential A/A comparison of one path with itself differed
     * by 0.3 ms at the median on the development machine).
     */
    static Pair measureAlternating(int concurrency, int calls, IntConsumer first, IntConsumer second) throws Exception {
        List<Summary> both = measureInterleaved(concurrency, calls, List.of(first, second));
        return new Pair(both.get(0), both.get(1));
    }

    /** Call {@code i} goes to path {@code i % paths}: several paths measured in one run, in turn. */
    static List<Summary> measureInterleaved(int concurrency, int calls, List<IntConsumer> paths) throws Exception {
        int n = paths.size();
        long[] latencies = new long[calls];
        Duration elapsed = run(concurrency, calls, i -> paths.get(i % n).accept(i / n), latencies);
        List<Summary> summaries = new ArrayList<>(n);
        for (int path = 0; path < n; path++) {
            long[] mine = new long[(calls - path + n - 1) / n];
            for (int i = path; i < calls; i += n) {
                mine[i / n] = latencies[i];
            }
            summaries.add(summary(concurrency, mine, elapsed.dividedBy(n)));
        }
        return summaries;
    }

    private static Duration run(int concurrency, int calls, IntConsumer call, long[] latencies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            Future<?>[] workers = new Future<?>[concurrency];
            for (int t = 0; t < concurrency; t++) {
                workers[t] = threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < calls; i = next.getAndIncrement()) {
                        long begin = System.nanoTime();
                        call.accept(i);
                        latencies[i] = System.nanoTime() - begin;
                    }
                    return null;
                });
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static Summary summary(int concurrency, long[] latencies, Duration elapsed) {
        int calls = latencies.length;
        Arrays.sort(latencies);
        return new Summary(
                concurrency,
                calls,
                latencies[calls / 2] / 1e6,
                latencies[(int) (calls * 0.95)] / 1e6,
                calls / (elapsed.toNanos() / 1e9));
    }
}
