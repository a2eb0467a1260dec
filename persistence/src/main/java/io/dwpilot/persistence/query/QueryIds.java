package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Query ids taken from metadata.query_logs' own sequence in blocks, so that handing one out costs no round trip
 * most of the time. Each value comes from nextval, so ids stay unique across processes sharing the database; a
 * block left unused at shutdown leaves a gap.
 */
public final class QueryIds {
    private final DataSource dataSource;
    private final long[] block;
    private int used;

    public QueryIds(DataSource dataSource, int blockSize) {
        this.dataSource = dataSource;
        this.block = new long[blockSize];
        this.used = blockSize;
    }

    public synchronized long next() {
        if (used == block.length) {
            refill();
        }
        return block[used++];
    }

    private void refill() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT nextval(pg_get_serial_sequence('metadata.query_logs', 'query_id'))"
                     + " FROM generate_series(1, " + block.length + ")")) {
            int i = 0;
            while (rs.next()) {
                block[i++] = rs.getLong(1);
            }
            used = 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot allocate query ids: " + e.getMessage(), e);
        }
    }
}
