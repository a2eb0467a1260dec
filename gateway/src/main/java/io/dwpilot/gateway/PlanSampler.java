package io.dwpilot.gateway;

import io.dwpilot.persistence.access.DatabaseRole;
import io.dwpilot.persistence.query.PlanStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the plan of a fingerprint the first time it is seen and again once its last capture is older than the
 * refresh interval. Plans are taken on one background thread with a small bounded queue: when it is full the
 * request is dropped and counted, and the next execution of that fingerprint asks again. A statement is planned
 * under the database role it ran under, never with more privileges than its caller's.
 */
final class PlanSampler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlanSampler.class);

    /** Plans a statement under a role: EXPLAIN JSON. */
    interface Planner {
        String plan(String sql, DatabaseRole role);
    }

    private final Planner planner;
    private final PlanStore store;
    private final Duration refreshInterval;
    private final Clock clock;
    private final Map<String, Instant> lastCapture = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor worker;
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final BiConsumer<String, String> captures;

    /** {@code captures} hears of every plan captured: the fingerprint and its EXPLAIN JSON. */
    PlanSampler(
            Planner planner,
            PlanStore store,
            Duration refreshInterval,
            Clock clock,
            BiConsumer<String, String> captures) {
        this.planner = planner;
        this.store = store;
        this.captures = captures;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(
                1,
                1,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(64),
                r -> {
                    Thread t = new Thread(r, "dwpilot-plan-sampler");
                    t.setDaemon(true);
                    return t;
                },
                (task, executor) -> {
                    dropped.incrementAndGet();
                    lastCapture.remove(((Capture) task).fingerprint());
                });
    }

    private final class Capture implements Runnable {
        private final long queryId;
        private final String fingerprint;
        private final String sql;
        private final DatabaseRole role;

        Capture(long queryId, String fingerprint, String sql, DatabaseRole role) {
            this.queryId = queryId;
            this.fingerprint = fingerprint;
            this.sql = sql;
            this.role = role;
        }

        String fingerprint() {
            return fingerprint;
        }

        @Override
        public void run() {
            capture(queryId, fingerprint, sql, role);
        }
    }

    void offer(long queryId, String fingerprint, String sql, DatabaseRole role) {
        Instant now = clock.instant();
        Instant previous = lastCapture.get(fingerprint);
        if (previous != null && previous.plus(refreshInterval).isAfter(now)) {
            return;
        }
        if (previous == null
                ? lastCapture.putIfAbsent(fingerprint, now) != null
                : !lastCapture.replace(fingerprint, previous, now)) {
            return; // another execution of the same fingerprint claimed this capture
        }
        worker.execute(new Capture(queryId, fingerprint, sql, role));
    }

    private void capture(long queryId, String fingerprint, String sql, DatabaseRole role) {
        try {
            String plan = planner.plan(sql, role);
            store.store(queryId, fingerprint, plan);
            captured.incrementAndGet();
            captures.accept(fingerprint, plan);
        } catch (Exception e) {
            failed.incrementAndGet();
            lastCapture.remove(fingerprint);
            log.debug("Could not capture the plan of {}: {}", fingerprint, e.getMessage());
        }
    }

    long captured() {
        return captured.get();
    }

    long dropped() {
        return dropped.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
