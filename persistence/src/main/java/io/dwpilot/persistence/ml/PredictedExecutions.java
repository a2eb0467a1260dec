package io.dwpilot.persistence.ml;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/** The logged ok executions that had a cost prediction: what the model said beside what happened. */
public final class PredictedExecutions {
    /** One execution's predicted and measured time. */
    public record Execution(long queryId, Optional<String> fingerprint, double predictedMs, double actualMs,
                            Instant executedAt) {
    }

    private final DataSource dataSource;

    public PredictedExecutions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The newest {@code limit} with executed_at (wall clock) in [from, to), newest first. */
    public List<Execution> newest(Instant from, Instant to, int limit) throws SQLException {
        Jdbc.requireRange(from, to);
        String sql = """
                SELECT query_id, fingerprint, predicted_time_ms, execution_time_ms, executed_at
                FROM metadata.query_logs
                WHERE status = 'ok' AND predicted_time_ms IS NOT NULL AND execution_time_ms IS NOT NULL
                  AND executed_at >= ? AND executed_at < ?
                ORDER BY executed_at DESC, query_id DESC
                LIMIT ?""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setInt(3, limit);
            List<Execution> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Execution(rs.getLong(1), Optional.ofNullable(rs.getString(2)), rs.getDouble(3),
                            rs.getDouble(4), rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        }
    }
}
