package io.dwpilot.http.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs a call a fixed number of times from N threads and summarizes the latencies. */
final class LatencyRun {
    record Summary(int concurrency, int calls, double p50Ms, double p95Ms, double throughputPerSecond) {
    }

    private LatencyRun() {
    }

    /** {@code call} gets the call's index; it must throw when the call fails, which stops the run. */
    static Summary measure(int concurrency, int calls, IntConsumer call) throws Exception {
        long[] latencies = new long[calls];
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
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Arrays.sort(latencies);
        return new Summary(concurrency, calls, latencies[calls / 2] / 1e6, latencies[(int) (calls * 0.95)] / 1e6,
                calls / (elapsed.toNanos() / 1e9));
    }
}
