package io.dwpilot.persistence.etl;

import io.dwpilot.persistence.Columns;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads metadata.etl_runs: how the ETL runs went. */
public final class EtlRuns {
    /** One run: its status (running, succeeded, failed) and, when it failed, why. */
    public record Run(
            long runId, String status, Instant startedAt, Optional<Instant> finishedAt, Optional<String> error) {
        public boolean failed() {
            return status.equals("failed");
        }
    }

    private final DataSource dataSource;

    public EtlRuns(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The newest run, if any ran. */
    public Optional<Run> last() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT run_id, status, started_at, finished_at, error"
                        + " FROM metadata.etl_runs ORDER BY run_id DESC LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Run(
                    rs.getLong("run_id"),
                    rs.getString("status"),
                    rs.getTimestamp("started_at").toInstant(),
                    Columns.optionalInstant(rs, "finished_at"),
                    Optional.ofNullable(rs.getString("error"))));
        }
    }
}
