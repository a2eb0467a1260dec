package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query ids taken ahead from metadata.query_logs' own sequence in blocks, so that handing one out never waits on the
 * database: when half of a block is used, the next is fetched in the background. Through an outage the ids in hand
 * last as long as they can; after that {@link #tryNext} is empty (the query log writer then takes an id when it
 * writes the row) until a background fetch succeeds again. Ids unused at shutdown leave a gap in the sequence.
 */
public final class QueryIds {
    private static final Logger log = LoggerFactory.getLogger(QueryIds.class);

    private final DataSource dataSource;
    private final int blockSize;
    private final ArrayDeque<Long> ids = new ArrayDeque<>(); // guarded by this
    private boolean fetching; // guarded by this
    private boolean failing; // guarded by this: warn once per outage

    /** Fetches the first block at once when the database answers, so that the first executions have ids. */
    public QueryIds(DataSource dataSource, int blockSize) {
        if (blockSize < 2) {
            throw new IllegalArgumentException("blockSize must be at least 2, was " + blockSize);
        }
        this.dataSource = dataSource;
        this.blockSize = blockSize;
        fetching = true;
        fetchBlock();
    }

    /** An id from those in hand, without a round trip; empty when they are used up and no more could be fetched. */
    public synchronized OptionalLong tryNext() {
        Long id = ids.poll();
        if (ids.size() <= blockSize / 2 && !fetching) {
            fetching = true;
            Thread fetch = new Thread(this::fetchBlock, "dwpilot-query-ids");
            fetch.setDaemon(true);
            fetch.start();
        }
        return id == null ? OptionalLong.empty() : OptionalLong.of(id);
    }

    /** The ids in hand now. */
    synchronized int available() {
        return ids.size();
    }

    private void fetchBlock() {
        try (Connection c = dataSource.getConnection()) {
            long[] block = QueryIdSequence.take(c, blockSize);
            synchronized (this) {
                for (long id : block) {
                    ids.add(id);
                }
                if (failing) {
                    log.info("Query ids are handed out again");
                }
                failing = false;
            }
        } catch (SQLException e) {
            synchronized (this) {
                if (!failing) {
                    log.warn(
                            "Cannot take query ids from the database ({}); {} left in hand, then executions get none"
                                    + " until it answers (their log rows get theirs when written)",
                            e.getMessage(),
                            ids.size());
                }
                failing = true;
            }
        } finally {
            synchronized (this) {
                fetching = false;
            }
        }
    }
}
