package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of log rows in one transaction: all in one COPY when PostgreSQL takes them; otherwise row by row,
 * each in a savepoint, a row PostgreSQL refuses going to quarantine with its reason while the rest land. A batch
 * that fails part way (the database gone) commits nothing, and can be written again in full: its rows keep the ids
 * they were given, and a row whose id is already in the log is taken as written (ids are unique per entry).
 */
final class LogBatchWriter {
    private static final Logger log = LoggerFactory.getLogger(LogBatchWriter.class);

    /** What a committed batch came to. */
    record Outcome(int written, int quarantined) {}

    private final DataSource dataSource;

    LogBatchWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Gives the rows that have none an id from the sequence (in place, so that they keep it if the batch has to be
     * written again), then writes them.
     *
     * @throws SQLException when the database cannot take the batch now (unreachable, read-only, out of room, ...):
     *                      nothing of it was committed
     */
    Outcome write(List<StorableEntry> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assignMissingIds(c, rows);
            c.setAutoCommit(false);
            Outcome outcome = copyAll(c, rows) ? new Outcome(rows.size(), 0) : rowByRow(c, rows);
            c.commit();
            return outcome;
        }
    }

    private static void assignMissingIds(Connection c, List<StorableEntry> rows) throws SQLException {
        int missing = (int)
                rows.stream().filter(row -> row.entry().queryId().isEmpty()).count();
        if (missing == 0) {
            return;
        }
        long[] ids = QueryIdSequence.take(c, missing);
        int next = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).entry().queryId().isEmpty()) {
                rows.set(i, rows.get(i).withQueryId(ids[next++]));
            }
        }
    }

    /** False when PostgreSQL refused something in the batch (the transaction is then rolled back and usable). */
    private static boolean copyAll(Connection c, List<StorableEntry> rows) throws SQLException {
        try {
            QueryLogCopy.copy(c, rows);
            return true;
        } catch (SQLException e) {
            if (DatabaseFailures.unavailable(e)) {
                throw e;
            }
            c.rollback();
            log.warn(
                    "PostgreSQL refused a batch of {} query log rows ({}); writing them one by one",
                    rows.size(),
                    DatabaseFailures.reason(e));
            return false;
        }
    }

    private static Outcome rowByRow(Connection c, List<StorableEntry> rows) throws SQLException {
        int written = 0;
        int quarantined = 0;
        for (StorableEntry row : rows) {
            Savepoint savepoint = c.setSavepoint();
            try {
                QueryLogCopy.copy(c, List.of(row));
                c.releaseSavepoint(savepoint);
                written++;
            } catch (SQLException refusal) {
                if (DatabaseFailures.unavailable(refusal)) {
                    throw refusal;
                }
                c.rollback(savepoint);
                if (DatabaseFailures.duplicateQueryId(refusal)) {
                    // a batch written again after a commit whose answer the connection lost: the row is there
                    written++;
                    continue;
                }
                QueryLogQuarantine.put(c, row, refusal);
                quarantined++;
                log.warn(
                        "Query log row {} quarantined: {}",
                        row.entry().queryId().orElseThrow(),
                        DatabaseFailures.reason(refusal));
            }
        }
        return new Outcome(written, quarantined);
    }
}
