package io.dwpilot.persistence.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Query ids from metadata.query_logs' own sequence, several in one round trip. Each comes from nextval, so ids stay
 * unique across processes sharing the database, whether or not the transaction around them commits.
 */
final class QueryIdSequence {
    private QueryIdSequence() {}

    static long[] take(Connection c, int count) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT"
                + " nextval(pg_get_serial_sequence('metadata.query_logs', 'query_id')) FROM generate_series(1, ?)")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                long[] ids = new long[count];
                for (int i = 0; rs.next(); i++) {
                    ids[i] = rs.getLong(1);
                }
                return ids;
            }
        }
    }
}
