package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes execution logs to metadata.query_logs in batches on its own thread, so that logging never blocks or slows
 * a query. {@link #offer} never waits: when the bounded queue is full the entry is dropped and counted. A batch that
 * fails to write is retried a few times before its rows are counted as failed; nothing is lost without a count.
 */
public final class QueryLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryLogWriter.class);
    private static final String INSERT = """
            INSERT INTO metadata.query_logs (query_id, query_text, fingerprint, normalized_text, statement_kind, user_id,
                user_role, status, error_code, error_message, execution_time_ms, queue_time_ms, predicted_time_ms,
                rows_returned, truncated, tables_accessed, plan_choice, executed_at, simulated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final int MAX_ATTEMPTS = 3;

    /** Counters of the writer since it started. */
    public record Stats(long accepted, long written, long dropped, long failed, int queued) {
    }

    private final DataSource dataSource;
    private final BlockingQueue<QueryLogEntry> queue;
    private final int batchSize;
    private final Duration flushInterval;
    private final Thread worker;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    public QueryLogWriter(DataSource dataSource, int capacity, int batchSize, Duration flushInterval) {
        this.dataSource = dataSource;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.worker = new Thread(this::drain, "dwpilot-query-log-writer");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues an entry; false (and counted as dropped) when the queue is full or the writer is closed. */
    public boolean offer(QueryLogEntry entry) {
        if (running && queue.offer(entry)) {
            accepted.incrementAndGet();
            return true;
        }
        dropped.incrementAndGet();
        return false;
    }

    public Stats stats() {
        return new Stats(accepted.get(), written.get(), dropped.get(), failed.get(), queue.size());
    }

    /** Stops accepting, writes what is queued, and waits for the worker (at most the given time). */
    public void close(Duration wait) {
        running = false;
        worker.interrupt();
        try {
            worker.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            log.warn("Query log writer did not finish within {}; {} entries left unwritten", wait, queue.size());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /**
     * Collects a batch until it is full or the flush interval has passed since its first entry, so that a steady
     * trickle of executions becomes a few multi-row inserts rather than one insert per query.
     */
    private void drain() {
        List<QueryLogEntry> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                QueryLogEntry first = running ? queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS) : queue.poll();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + flushInterval.toNanos();
                while (running && batch.size() < batchSize) {
                    long left = deadline - System.nanoTime();
                    QueryLogEntry next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    queue.drainTo(batch, batchSize - batch.size());
                }
                queue.drainTo(batch, batchSize - batch.size());
            } catch (InterruptedException e) {
                // close() wakes the worker up: write what was collected, then the loop condition decides
            }
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
        }
    }

    private void write(List<QueryLogEntry> batch) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try {
                insert(batch);
                written.addAndGet(batch.size());
                return;
            } catch (SQLException e) {
                log.warn("Writing {} query log rows failed (attempt {} of {}): {}", batch.size(), attempt,
                        MAX_ATTEMPTS, e.getMessage());
                sleepBeforeRetry(attempt);
            }
        }
        failed.addAndGet(batch.size());
        log.error("Gave up writing {} query log rows after {} attempts", batch.size(), MAX_ATTEMPTS);
    }

    private static void sleepBeforeRetry(int attempt) {
        try {
            Thread.sleep(200L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void insert(List<QueryLogEntry> batch) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (QueryLogEntry e : batch) {
                ps.setLong(1, e.queryId());
                ps.setString(2, e.queryText());
                ps.setString(3, e.fingerprint().orElse(null));
                ps.setString(4, e.normalizedText().orElse(null));
                ps.setString(5, e.statementKind().orElse(null));
                ps.setString(6, e.userId());
                ps.setString(7, e.userRole());
                ps.setString(8, e.status());
                ps.setString(9, e.errorCode().orElse(null));
                ps.setString(10, e.errorMessage().orElse(null));
                setDouble(ps, 11, e.executionTimeMs());
                setDouble(ps, 12, e.queueTimeMs());
                setDouble(ps, 13, e.predictedTimeMs());
                if (e.rowsReturned().isPresent()) {
                    ps.setLong(14, e.rowsReturned().get());
                } else {
                    ps.setNull(14, Types.BIGINT);
                }
                ps.setBoolean(15, e.truncated());
                ps.setArray(16, c.createArrayOf("text", e.tablesAccessed().toArray()));
                ps.setString(17, e.planChoice().orElse(null));
                ps.setTimestamp(18, Timestamp.from(e.executedAt()));
                ps.setTimestamp(19, e.simulatedAt().map(Timestamp::from).orElse(null));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setDouble(PreparedStatement ps, int index, Optional<Double> value) throws SQLException {
        if (value.isPresent()) {
            ps.setDouble(index, value.get());
        } else {
            ps.setNull(index, Types.DOUBLE);
        }
    }
}
