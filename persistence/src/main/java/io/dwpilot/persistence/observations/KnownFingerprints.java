package io.dwpilot.persistence.observations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/** The query shapes the warehouse has already seen: every distinct fingerprint in metadata.query_logs. */
public final class KnownFingerprints {
    private final DataSource dataSource;

    public KnownFingerprints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every fingerprint logged so far (statements logged without one are left out). */
    public Set<String> all() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT DISTINCT fingerprint FROM metadata.query_logs WHERE fingerprint IS NOT NULL")) {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }
}
