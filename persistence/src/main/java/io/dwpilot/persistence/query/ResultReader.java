package io.dwpilot.persistence.query;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a query's rows within its request's caps: at most {@code maxRows}, and none that would take the result beyond
 * {@code maxBytes} ({@link ResultBytes}), saying which cap cut the result. The driver fetches rows in batches from an
 * open portal (the statement runs in a transaction); each batch is sized to what the byte cap leaves at the rows'
 * mean width so far, so the rows held never go far beyond the cap, however many the statement produces.
 */
final class ResultReader {
    /** The most rows fetched in one round trip. */
    static final int MAX_FETCH = 1000;
    /** The first batch, before any row's width is known. */
    static final int FIRST_FETCH = 32;

    private final int maxRows;
    private final long maxBytes;

    ResultReader(QueryRequest request) {
        this.maxRows = request.maxRows();
        this.maxBytes = request.maxBytes();
    }

    /** Prepares the statement: one row beyond the row cap tells whether the result was truncated. */
    void prepare(Statement statement) throws SQLException {
        statement.setMaxRows(maxRows == Integer.MAX_VALUE ? 0 : maxRows + 1);
        statement.setFetchSize(
                maxBytes == Long.MAX_VALUE ? fetch(maxRows + 1L) : fetch(Math.min(maxRows + 1L, FIRST_FETCH)));
    }

    QueryResult read(ResultSet rs, long started) throws SQLException {
        try (rs) {
            ResultSetMetaData meta = rs.getMetaData();
            List<QueryResult.Column> columns = new ArrayList<>(meta.getColumnCount());
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(new QueryResult.Column(meta.getColumnLabel(c), meta.getColumnTypeName(c)));
            }
            List<List<Object>> rows = new ArrayList<>();
            long bytes = 0;
            Optional<QueryResult.Truncation> truncation = Optional.empty();
            while (rs.next()) {
                if (rows.size() == maxRows) {
                    truncation = Optional.of(QueryResult.Truncation.ROWS);
                    break;
                }
                List<Object> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++) {
                    row.add(JdbcValues.read(rs, c, columns.get(c - 1).type()));
                }
                long rowBytes = ResultBytes.ofRow(row);
                if (rowBytes > maxBytes - bytes) {
                    truncation = Optional.of(QueryResult.Truncation.BYTES);
                    break;
                }
                rows.add(row);
                bytes += rowBytes;
                if (maxBytes != Long.MAX_VALUE) {
                    long meanRowBytes = Math.max(1, bytes / rows.size());
                    rs.setFetchSize(fetch(Math.min(maxRows - rows.size() + 1L, (maxBytes - bytes) / meanRowBytes + 1)));
                }
            }
            return new QueryResult(
                    List.copyOf(columns), rows, rows.size(), truncation, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static int fetch(long rows) {
        return (int) Math.max(1, Math.min(MAX_FETCH, rows));
    }
}
