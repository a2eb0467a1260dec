package io.dwpilot.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL session advisory lock shared by bronze loads and ETL runs. The ETL's watermarks assume that every
 * bronze row below the highest visible raw_id is committed; holding this lock while loading keeps that true.
 */
public final class IngestLock implements AutoCloseable {
    private static final long KEY = 0x6477_7069_6C6F_7401L;

    private final Connection connection;

    private IngestLock(Connection connection) {
        this.connection = connection;
    }

    /** Waits for the lock on the given connection; closing the returned lock releases it (not the connection). */
    public static IngestLock acquire(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            ps.setLong(1, KEY);
            ps.execute();
        }
        return new IngestLock(connection);
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)"); ) {
            ps.setLong(1, KEY);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }
}
