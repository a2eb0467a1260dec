package io.dwpilot.bench.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Polls {@code GET /api/v1/health} once a second and keeps every answer. */
public final class HealthWatch implements AutoCloseable {
    private final List<ApiClient.Answer> answers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;

    private HealthWatch(ApiClient api) {
        thread = new Thread(() -> poll(api), "faults-health");
        thread.setDaemon(true);
    }

    public static HealthWatch start(ApiClient api) {
        HealthWatch watch = new HealthWatch(api);
        watch.thread.start();
        return watch;
    }

    private void poll(ApiClient api) {
        while (!stopping) {
            long start = System.nanoTime();
            answers.add(api.health(Duration.ofSeconds(5)));
            long rest = 1000 - (System.nanoTime() - start) / 1_000_000;
            if (rest > 0) {
                try {
                    Thread.sleep(rest);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    public int polls() {
        return answers.size();
    }

    /** Polls that did not answer 200 with status UP. */
    public long notUp() {
        return answers.stream().filter(HealthWatch::notUp).count();
    }

    /** What the polls that were not UP got, e.g. {@code 503 {"status":"DOWN",...}}. */
    public List<String> notUpAnswers() {
        return answers.stream()
                .filter(HealthWatch::notUp)
                .map(a -> a.status() + " " + a.body())
                .toList();
    }

    private static boolean notUp(ApiClient.Answer a) {
        return !(a.ok() && a.body().contains("\"UP\""));
    }

    public double slowestMs() {
        return answers.stream().mapToDouble(ApiClient.Answer::latencyMs).max().orElse(0);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
