package io.dwpilot.persistence.ml;

import io.dwpilot.persistence.Criteria;
import io.dwpilot.persistence.query.QueryScope;
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
    public record Execution(
            long queryId, Optional<String> fingerprint, double predictedMs, double actualMs, Instant executedAt) {}

    private final DataSource dataSource;

    public PredictedExecutions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The newest {@code limit} of the scope with executed_at (wall clock) in [from, to), newest first. */
    public List<Execution> newest(Instant from, Instant to, int limit, QueryScope scope) throws SQLException {
        Jdbc.requireRange(from, to);
        Criteria criteria = scope.restrict(new Criteria()
                .where("status = 'ok' AND predicted_time_ms IS NOT NULL AND execution_time_ms IS NOT NULL")
                .where(Optional.of(from), "executed_at >= ?", Timestamp::from)
                .where(Optional.of(to), "executed_at < ?", Timestamp::from));
        String sql = """
                SELECT query_id, fingerprint, predicted_time_ms, execution_time_ms, executed_at
                FROM metadata.query_logs%s
                ORDER BY executed_at DESC, query_id DESC
                LIMIT ?""".formatted(criteria.sql());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(criteria.bind(ps, 1), limit);
            List<Execution> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Execution(
                            rs.getLong(1),
                            Optional.ofNullable(rs.getString(2)),
                            rs.getDouble(3),
                            rs.getDouble(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        }
    }
}
