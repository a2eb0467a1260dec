package io.dwpilot.persistence.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dwpilot.persistence.copy.CopyWriter;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes execution logs to metadata.query_logs, and the features of those that carry them to ml.feature_store, in
 * batches on its own thread, so that logging never blocks or slows a query. A batch's log and feature rows commit
 * together. {@link #offer} never waits: when the bounded queue is full the entry is dropped and counted. A batch that
 * fails to write is retried a few times before its rows are counted as failed; nothing is lost without a count.
 */
public final class QueryLogWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryLogWriter.class);
    private static final List<String> COLUMNS = List.of("query_id", "query_text", "fingerprint", "normalized_text",
            "statement_kind", "user_id", "user_role", "status", "error_code", "error_message", "execution_time_ms",
            "queue_time_ms", "predicted_time_ms", "rows_returned", "truncated", "tables_accessed", "plan_choice",
            "executed_at", "simulated_at", "concurrent_queries");
    private static final List<String> FEATURE_COLUMNS = List.of("query_id", "fingerprint", "feature_version",
            "features", "label_time_ms");
    private static final int MAX_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** COPY costs PostgreSQL far less per row than INSERT; at thousands of queries a second that matters. */
    private void insert(List<QueryLogEntry> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                copyLogs(c, batch);
                copyFeatures(c, batch);
            } catch (IOException | RuntimeException e) {
                c.rollback();
                throw new SQLException("COPY of query log rows failed: " + e.getMessage(), e);
            }
            c.commit();
        }
    }

    private static void copyLogs(Connection c, List<QueryLogEntry> batch) throws SQLException, IOException {
        try (CopyWriter copy = new CopyWriter(c, "metadata.query_logs", COLUMNS, List.of())) {
            for (QueryLogEntry e : batch) {
                copy.write(new String[] {
                    Long.toString(e.queryId()), e.queryText(), e.fingerprint().orElse(null),
                    e.normalizedText().orElse(null), e.statementKind().orElse(null), e.userId(), e.userRole(),
                    e.status(), e.errorCode().orElse(null), e.errorMessage().orElse(null),
                    text(e.executionTimeMs()), text(e.queueTimeMs()), text(e.predictedTimeMs()),
                    e.rowsReturned().map(String::valueOf).orElse(null), Boolean.toString(e.truncated()),
                    CopyWriter.textArray(e.tablesAccessed()), e.planChoice().orElse(null),
                    e.executedAt().toString(), e.simulatedAt().map(Instant::toString).orElse(null),
                    text(e.concurrentQueries())});
            }
        }
    }

    /** The label is the measured time of a successful execution; a failed one has features but no label. */
    private static void copyFeatures(Connection c, List<QueryLogEntry> batch) throws SQLException, IOException {
        if (batch.stream().noneMatch(e -> e.features().isPresent())) {
            return;
        }
        try (CopyWriter copy = new CopyWriter(c, "ml.feature_store", FEATURE_COLUMNS, List.of())) {
            for (QueryLogEntry e : batch) {
                if (e.features().isPresent()) {
                    FeatureRow features = e.features().get();
                    copy.write(new String[] {
                        Long.toString(e.queryId()), e.fingerprint().orElse(null),
                        Integer.toString(features.featureVersion()), JSON.writeValueAsString(features.values()),
                        "ok".equals(e.status()) ? text(e.executionTimeMs()) : null});
                }
            }
        }
    }

    private static String text(Optional<Double> value) {
        return value.map(String::valueOf).orElse(null);
    }

    private static String text(OptionalInt value) {
        return value.isPresent() ? Integer.toString(value.getAsInt()) : null;
    }
}
