package io.dwpilot.persistence.query;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes execution logs to metadata.query_logs (the audit trail), and the features of those that carry them to
 * ml.feature_store, in batches on its own thread, so that logging never blocks or slows a query. {@link #offer}
 * never waits: the bounded queue is the backlog, and when it is full the entry is turned away and counted as lost.
 * <ul>
 *   <li>A value PostgreSQL cannot hold is made storable first, and the row notes it ({@link StorableEntry}).</li>
 *   <li>A batch PostgreSQL refuses is written row by row; a row it still refuses is quarantined with the reason
 *       ({@link LogBatchWriter}).</li>
 *   <li>While the database cannot take writes, the batch is kept and tried again with a backoff (100 ms doubling to
 *       5 s) for as long as the writer runs: one WARN when that starts, one INFO when writing resumes.</li>
 * </ul>
 * Nothing is lost without a count: every offered entry is in exactly one of {@link Stats}' written, quarantined,
 * waiting and lost.
 */
public final class QueryLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryLogWriter.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    /**
     * The worker waits on the queue in slices this long, so that it notices {@link #close} soon without being
     * interrupted: an interrupt could land inside JDBC, where it would look like a failed write.
     */
    private static final long POLL_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /**
     * Counters since start.
     *
     * @param accepted    entries taken into the backlog
     * @param written     rows written to metadata.query_logs (with a {@code sanitized} note where a value was altered)
     * @param quarantined rows PostgreSQL refused, kept in metadata.query_log_quarantine with its reason
     * @param waiting     entries queued or in the batch being written: the backlog while the database is unreachable
     * @param lost        entries turned away because the backlog was full or the writer was closing, and those the
     *                    database could not take before the writer closed
     */
    public record Stats(long accepted, long written, long quarantined, long waiting, long lost) {}

    private final LogBatchWriter batches;
    private final BlockingQueue<QueryLogEntry> queue;
    private final int batchSize;
    private final Duration flushInterval;
    private final Thread worker;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong quarantined = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicInteger inBatch = new AtomicInteger();
    private final CountDownLatch closeRequested = new CountDownLatch(1);
    private volatile long closeDeadline;
    private volatile boolean closing;
    /** When the database stopped taking writes, while it does not (the worker's own). */
    private Instant unavailableSince;

    public QueryLogWriter(DataSource dataSource, int capacity, int batchSize, Duration flushInterval) {
        this.batches = new LogBatchWriter(dataSource);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.worker = new Thread(this::drain, "dwpilot-query-log-writer");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues an entry without waiting; false (and counted as lost) when the backlog is full or the writer closing. */
    public boolean offer(QueryLogEntry entry) {
        if (!closing && queue.offer(entry)) {
            accepted.incrementAndGet();
            return true;
        }
        lost.incrementAndGet();
        return false;
    }

    public Stats stats() {
        return new Stats(accepted.get(), written.get(), quarantined.get(), queue.size() + inBatch.get(), lost.get());
    }

    /**
     * Stops accepting and writes what is queued while the database takes it, for at most {@code wait}; what it could
     * not take by then is counted as lost and logged at ERROR.
     */
    public void close(Duration wait) {
        closeDeadline = System.nanoTime() + wait.toNanos();
        closing = true;
        closeRequested.countDown();
        try {
            worker.join(Math.max(1, wait.toMillis())); // join(0) would wait for ever
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            log.warn(
                    "The query log writer is still in a write attempt after {}; its {} rows are counted written or"
                            + " lost when the attempt ends",
                    wait,
                    stats().waiting());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    private void drain() {
        List<QueryLogEntry> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            if (closing && System.nanoTime() - closeDeadline > 0) {
                loseAtClose(0, "were not written within the time given to close");
                return;
            }
            collect(batch);
            if (!batch.isEmpty()) {
                writeUntilDone(batch);
                batch.clear();
            }
        }
    }

    /**
     * Waits for a first entry, then gathers more until the batch is full or the flush interval has passed since the
     * first, so that a steady trickle of executions becomes a few COPYs rather than one per query.
     */
    private void collect(List<QueryLogEntry> batch) {
        QueryLogEntry first = poll(System.nanoTime() + flushInterval.toNanos());
        if (first == null) {
            return;
        }
        add(batch, first);
        long deadline = System.nanoTime() + flushInterval.toNanos();
        while (batch.size() < batchSize) {
            QueryLogEntry next = poll(deadline);
            if (next == null) {
                break;
            }
            add(batch, next);
            queue.drainTo(batch, batchSize - batch.size());
            inBatch.set(batch.size());
        }
    }

    private void add(List<QueryLogEntry> batch, QueryLogEntry entry) {
        batch.add(entry);
        inBatch.set(batch.size());
    }

    /** The next entry by the deadline, or null; at once once the writer is closing. */
    private QueryLogEntry poll(long deadline) {
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (closing || left <= 0) {
                    return queue.poll();
                }
                QueryLogEntry entry = queue.poll(Math.min(left, POLL_SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (entry != null) {
                    return entry;
                }
            }
        } catch (InterruptedException e) {
            return null; // nobody interrupts the worker (see POLL_SLICE_NANOS)
        }
    }

    /** Writes the batch, trying again for as long as the database cannot take it and the writer runs. */
    private void writeUntilDone(List<QueryLogEntry> batch) {
        Instant now = Instant.now();
        List<StorableEntry> rows = new ArrayList<>(batch.size());
        batch.forEach(entry -> rows.add(StorableEntry.of(entry, now)));
        Duration retry = FIRST_RETRY;
        while (true) {
            long attemptStart = System.nanoTime();
            try {
                LogBatchWriter.Outcome outcome = batches.write(rows);
                if (unavailableSince != null) {
                    log.info(
                            "The query log is written again after {} s; {} rows waited",
                            Duration.between(unavailableSince, Instant.now()).toSeconds(),
                            stats().waiting());
                    unavailableSince = null;
                }
                written.addAndGet(outcome.written());
                quarantined.addAndGet(outcome.quarantined());
                inBatch.set(0);
                return;
            } catch (SQLException | RuntimeException e) {
                if (unavailableSince == null) {
                    unavailableSince = Instant.now();
                    log.warn(
                            "The database takes no query log rows now ({}); keeping the {} waiting and trying again"
                                    + " until it does",
                            DatabaseFailures.reason(e),
                            stats().waiting());
                }
                // an attempt in an outage takes about as long as the last (the pool's connect timeout, say)
                long attempt = System.nanoTime() - attemptStart;
                if (closing && System.nanoTime() + attempt - closeDeadline > 0) {
                    loseAtClose(rows.size(), "could not be written: the database took no writes before the close");
                    return;
                }
                pause(retry, attempt);
                Duration doubled = retry.multipliedBy(2);
                retry = doubled.compareTo(LAST_RETRY) < 0 ? doubled : LAST_RETRY;
            }
        }
    }

    /**
     * Sleeps between attempts; {@link #close} cuts it short, and once closing it leaves time for one more attempt as
     * long as the last before the close's deadline.
     */
    private void pause(Duration delay, long attemptNanos) {
        try {
            if (closing) {
                TimeUnit.NANOSECONDS.sleep(Math.min(delay.toNanos(), closeDeadline - attemptNanos - System.nanoTime()));
            } else {
                closeRequested.await(delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            // nobody interrupts the worker (see POLL_SLICE_NANOS)
        }
    }

    private void loseAtClose(int inHand, String why) {
        int left = inHand + queue.drainTo(new ArrayList<>());
        inBatch.set(0);
        if (left > 0) {
            lost.addAndGet(left);
            log.error("{} query log rows are lost: they {}", left, why);
        }
    }
}
